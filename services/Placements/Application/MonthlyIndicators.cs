using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;

namespace Platform.Placements.Application;

/// <summary>
/// The care population and the flow in and out of care month by month, in one answer each: the same definitions as
/// the single-date indicators (<c>/indicators/care-population</c>, <c>/indicators/flow</c>), so a chart of a year needs
/// one request, not one per month.
/// </summary>
public sealed class MonthlyIndicators(PlacementsDbContext db)
{
    /// <summary>The most months one answer covers.</summary>
    public const int MaxMonths = 36;

    public sealed record Population(DateOnly AsAt, int ChildrenLookedAfter, int? Under18Population, decimal? RatePer10000, decimal? EnglandRatePer10000,
        decimal? StatisticalNeighbourRatePer10000);

    public sealed record Flow(DateOnly From, DateOnly To, int Started, int Ceased);

    /// <summary>The dates of a series: each month end from <paramref name="from"/> to <paramref name="to"/>, and <paramref name="to"/> itself.</summary>
    public static IReadOnlyList<DateOnly> Dates(DateOnly from, DateOnly to)
    {
        var dates = new List<DateOnly>();
        for (var monthEnd = MonthEnd(from); monthEnd < to; monthEnd = MonthEnd(monthEnd.AddDays(1))) dates.Add(monthEnd);
        dates.Add(to);
        return dates;
    }

    /// <summary>Children looked after at each date of <see cref="Dates"/>, with the rate and the comparators.</summary>
    public async Task<IReadOnlyList<Population>> CarePopulationAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var references = await db.PopulationReferences.AsNoTracking().OrderBy(r => r.CollectionYear).ToListAsync(cancellationToken);
        var points = new List<Population>();
        foreach (var date in Dates(from, to))
        {
            var count = await CarePopulation.LookedAfterOn(db, date).CountAsync(cancellationToken);
            // The date's collection year's reference data, or the latest earlier year's (as CarePopulation.ReferenceForAsync).
            var reference = references.LastOrDefault(r => r.CollectionYear <= PopulationReference.CollectionYearOf(date));
            points.Add(new Population(date, count, reference?.Under18Population, PopulationReference.RatePer10000(count, reference?.Under18Population),
                reference?.EnglandRatePer10000, reference?.StatisticalNeighbourRatePer10000));
        }
        return points;
    }

    /// <summary>Starts and ceases in each calendar month from <paramref name="from"/>'s to <paramref name="to"/>'s, each month cut to [from, to].</summary>
    public async Task<IReadOnlyList<Flow>> FlowAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // The same episodes /indicators/flow counts, fetched once for the whole range and split by month here.
        var starts = await CarePopulation.StartsBetween(db, from, to).ToListAsync(cancellationToken);
        var ceases = await CarePopulation.CeasesBetween(db, from, to).ToListAsync(cancellationToken);
        var months = new List<Flow>();
        for (var first = new DateOnly(from.Year, from.Month, 1); first <= to; first = first.AddMonths(1))
        {
            var (start, end) = (first < from ? from : first, MonthEnd(first) > to ? to : MonthEnd(first));
            months.Add(new Flow(start, end, starts.Count(d => d >= start && d <= end), ceases.Count(d => d >= start && d <= end)));
        }
        return months;
    }

    private static DateOnly MonthEnd(DateOnly date) => new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(-1);
}
