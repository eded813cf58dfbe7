using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;

namespace Platform.Placements.Infrastructure;

/// <summary>Counts of children looked after, shared by the indicators API and the events that announce a change.</summary>
internal static class CarePopulation
{
    /// <summary>
    /// Children looked after on <paramref name="date"/>: an episode started on or before it and not ended by it (an episode
    /// ending on the date no longer counts; one starting on it does). Short breaks (LS V3/V4) are excluded, as in the DfE count.
    /// </summary>
    public static IQueryable<string> LookedAfterOn(PlacementsDbContext db, DateOnly date) =>
        db.Episodes.AsNoTracking()
            .Where(e => e.StartDate <= date && (e.EndDate == null || e.EndDate > date)
                && e.LegalStatus != "V3" && e.LegalStatus != "V4")
            .Select(e => e.ChildId)
            .Distinct();

    /// <summary>Episodes starting a period of care (RNE S) from <paramref name="from"/> to <paramref name="to"/>; short breaks excluded.</summary>
    public static IQueryable<Episode> StartsBetween(PlacementsDbContext db, DateOnly from, DateOnly to) =>
        NotShortBreaks(db).Where(e => e.ReasonForNewEpisode == CodeLists.StartedToBeLookedAfter && e.StartDate >= from && e.StartDate <= to);

    /// <summary>Episodes ending a period of care (any REC but X1, a new episode the same day) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IQueryable<Episode> CeasesBetween(PlacementsDbContext db, DateOnly from, DateOnly to) =>
        NotShortBreaks(db).Where(e => e.ReasonEpisodeCeased != null && e.ReasonEpisodeCeased != CodeLists.NewEpisodeSameDay && e.EndDate >= from && e.EndDate <= to);

    private static IQueryable<Episode> NotShortBreaks(PlacementsDbContext db) =>
        db.Episodes.AsNoTracking().Where(e => e.LegalStatus != "V3" && e.LegalStatus != "V4");

    /// <summary>The figures of CarePopulationChanged for a date, with the rate when the population is configured.</summary>
    public static async Task<CarePopulationChanged> ChangedAsync(PlacementsDbContext db, DateOnly date, CancellationToken cancellationToken)
    {
        var count = await LookedAfterOn(db, date).CountAsync(cancellationToken);
        var reference = await ReferenceForAsync(db, date, cancellationToken);
        return new CarePopulationChanged(date, count, PopulationReference.RatePer10000(count, reference?.Under18Population),
            reference?.EnglandRatePer10000, reference?.StatisticalNeighbourRatePer10000);
    }

    /// <summary>The reference data of the collection year of <paramref name="date"/>, or of the latest earlier year held.</summary>
    public static Task<PopulationReference?> ReferenceForAsync(PlacementsDbContext db, DateOnly date, CancellationToken cancellationToken)
    {
        var year = PopulationReference.CollectionYearOf(date);
        return db.PopulationReferences.AsNoTracking()
            .Where(r => r.CollectionYear <= year)
            .OrderByDescending(r => r.CollectionYear)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
