using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;
using Platform.ServiceDefaults.Measures;

namespace Platform.Placements.Infrastructure;

/// <summary>
/// Placements' published measures (docs/measures.md), computed by the functions its indicators API answers with:
/// children looked after and the rate per 10,000 (<c>/indicators/care-population</c>), children with 3+ placements in
/// the twelve months to the date (<c>/indicators/stability?asAt=</c>) and foster sufficiency
/// (<c>/indicators/foster-sufficiency</c>). All are for the whole authority (scope "").
/// </summary>
public sealed class PlacementMeasureSource(PlacementsDbContext db) : IMeasureSource
{
    public const string ChildrenLookedAfter = "children-looked-after";
    public const string ClaRatePer10000 = "cla-rate-per-10000";
    public const string ThreePlusPlacements = "three-plus-placements";
    public const string FosterOwnProvision = "foster-own-provision";

    public string Owner => "placements";

    /// <summary>The episode facts the measures read, projected in the database.</summary>
    public static IQueryable<EpisodeSpan> EpisodeSpans(IQueryable<Episode> episodes) =>
        episodes.Select(e => new EpisodeSpan(e.ChildId, e.StartDate, e.EndDate, e.ReasonForNewEpisode, e.LegalStatus, e.PlacementType, e.PlacementProvider));

    public async Task<IReadOnlyList<DateOnly>> ChangeDatesAsync(DateOnly from, int limit, CancellationToken cancellationToken)
    {
        // Values move when an episode starts or ends, when an episode leaves the twelve-month window of the stability
        // measure (a year after it ended), and on 1 April, when the collection year's population applies.
        var episodes = db.Episodes.AsNoTracking();
        var dates = episodes.Select(e => e.StartDate)
            .Concat(episodes.Where(e => e.EndDate != null).Select(e => e.EndDate!.Value))
            .Concat(episodes.Where(e => e.EndDate != null).Select(e => e.EndDate!.Value.AddYears(1).AddDays(-1)))
            .Concat(episodes.Where(e => e.EndDate != null).Select(e => e.EndDate!.Value.AddYears(1)));
        var found = await dates.Where(d => d >= from).Distinct().OrderBy(d => d).Take(limit).ToListAsync(cancellationToken);
        if (found.Count == 0) return found;
        var last = found.Count == limit ? found[^1] : found[^1].AddYears(1);
        for (var year = from.Year; year <= last.Year; year++)
        {
            var april = new DateOnly(year, 4, 1);
            if (april >= from && april <= last) found.Add(april);
        }
        return found.Distinct().Order().Take(limit).ToList();
    }

    public async Task<IReadOnlyList<IReadOnlyList<MeasureValue>>> ValuesOnAsync(IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Count == 0) return [];
        var (first, last) = (dates.Min(), dates.Max());
        // Only the episodes that can move a measure on one of the dates: started by the last, not ended before the
        // stability measures' history of the first (StabilityMeasures.HistoryFrom), with the dates of birth of their
        // children. A publication reads a window of the episodes, not every episode held.
        var historyFrom = StabilityMeasures.HistoryFrom(first);
        var rows = await db.Episodes.AsNoTracking()
            .Where(e => e.StartDate <= last && (e.EndDate == null || e.EndDate >= historyFrom) && e.LegalStatus != "V3" && e.LegalStatus != "V4")
            .Join(db.Children, e => e.ChildId, c => c.ChildId, (e, c) => new EpisodeOfChild(
                new EpisodeSpan(e.ChildId, e.StartDate, e.EndDate, e.ReasonForNewEpisode, e.LegalStatus, e.PlacementType, e.PlacementProvider),
                c.DateOfBirth))
            .ToListAsync(cancellationToken);
        var births = EpisodeOfChild.Births(rows);
        var episodes = new OpenEpisodes(rows.Select(r => r.Episode));
        var references = await db.PopulationReferences.AsNoTracking().OrderBy(r => r.CollectionYear).ToListAsync(cancellationToken);

        // The children looked after on the date are the stability measure's population: one rule for both.
        var stability = StabilityMeasures.CalculateEach(dates, episodes, births);
        var fostering = new FosterSufficiencyResult[dates.Count];
        foreach (var (index, date, open) in episodes.OnEach(dates)) fostering[index] = FosterSufficiency.Calculate(date, open);
        var result = new List<IReadOnlyList<MeasureValue>>(dates.Count);
        for (var i = 0; i < dates.Count; i++)
        {
            var count = stability[i].ChildrenLookedAfter;
            var population = references.LastOrDefault(r => r.CollectionYear <= PopulationReference.CollectionYearOf(dates[i]))?.Under18Population;
            result.Add(
            [
                new MeasureValue(ChildrenLookedAfter, "", count, count, 1),
                new MeasureValue(ClaRatePer10000, "", PopulationReference.RatePer10000(count, population), count, population ?? 0),
                new MeasureValue(ThreePlusPlacements, "", stability[i].ThreeOrMorePlacementsPercent, stability[i].WithThreeOrMorePlacements, count),
                new MeasureValue(FosterOwnProvision, "", fostering[i].OwnProvisionPercent, fostering[i].WithOwnProvision, fostering[i].InFosterPlacements),
            ]);
        }
        return result;
    }

    /// <summary>The first business date each Placements event's change can move a measure on.</summary>
    public static DateOnly? AffectedFrom(IntegrationEvent integrationEvent) => integrationEvent switch
    {
        PlacementStarted e => e.StartDate,
        PlacementChanged e => e.EffectiveFrom,
        PlacementEnded e => e.EndDate,
        ChildBecameLookedAfter e => e.StartDate,
        EpisodeCeased e => e.EndDate,
        CarePopulationChanged e => e.AsAt,
        _ => null,
    };
}
