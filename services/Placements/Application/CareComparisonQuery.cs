using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;

namespace Platform.Placements.Application;

/// <summary>
/// The care population at each 31 March up to a date against England and the statistical neighbours: every collection
/// year with reference data loaded (the years a comparison has something to compare with).
/// </summary>
public sealed class CareComparisonQuery(PlacementsDbContext db)
{
    public async Task<IReadOnlyList<ComparisonYear>> HandleAsync(DateOnly asAt, CancellationToken cancellationToken)
    {
        // Collection year Y ends on 31 March Y+1: only the years ended by the date.
        var lastYear = PopulationReference.CollectionYearOf(asAt) - (asAt == new DateOnly(asAt.Year, 3, 31) ? 0 : 1);
        var references = await db.PopulationReferences.AsNoTracking().Where(r => r.CollectionYear <= lastYear)
            .OrderBy(r => r.CollectionYear).ToListAsync(cancellationToken);
        var figures = new List<CareComparison.YearFigures>();
        foreach (var reference in references)
        {
            var yearEnd = new DateOnly(reference.CollectionYear + 1, 3, 31);
            var children = await CarePopulation.LookedAfterOn(db, yearEnd).CountAsync(cancellationToken);
            // The year's own row, as the care-population indicator uses on that 31 March: the same rate in both places.
            figures.Add(new CareComparison.YearFigures(reference.CollectionYear, children, reference.Under18Population,
                reference.EnglandRatePer10000, reference.StatisticalNeighbourRatePer10000));
        }
        return CareComparison.Build(figures);
    }
}
