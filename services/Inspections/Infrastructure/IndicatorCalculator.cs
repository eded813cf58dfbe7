using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;

namespace Platform.Inspections.Infrastructure;

/// <summary>
/// Computes a measure as at one or more dates from Inspections' own read models (fed by consumed events). The read
/// models keep business dates, so any past date is answered as it stood then.
/// </summary>
public static class IndicatorCalculator
{
    public static async Task<decimal?> ValueAsync(InspectionsDbContext db, string measure, string? teamCode, DateOnly asAt, CancellationToken cancellationToken) =>
        (await SeriesAsync(db, measure, teamCode, [asAt], cancellationToken))[0];

    public static async Task<IReadOnlyList<decimal?>> SeriesAsync(
        InspectionsDbContext db, string measure, string? teamCode, IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Count == 0) return [];
        var last = dates.Max();
        switch (measure)
        {
            case Measures.AverageCaseload:
            case Measures.CaseloadOverThreshold:
            {
                var ended = await EndedWorkersAsync(db, teamCode, cancellationToken);
                var values = new List<decimal?>();
                foreach (var date in dates)
                {
                    // Each worker's latest caseload on the date, selected in the database: the cost follows the
                    // number of workers, not the number of caseload changes ever recorded.
                    var latest = await db.CaseloadSnapshots.AsNoTracking()
                        .Where(s => s.ChangedOn <= date && (teamCode == null || s.TeamCode == teamCode))
                        .GroupBy(s => s.WorkerId)
                        .Select(g => g.OrderByDescending(s => s.ChangedOn).ThenByDescending(s => s.OccurredAt).ThenByDescending(s => s.Id).First())
                        .ToListAsync(cancellationToken);
                    values.Add(Caseload(measure, latest, ended, date));
                }
                return values;
            }
            case Measures.SupervisionCompliance:
            {
                var entries = await db.SupervisionEntries.AsNoTracking()
                    .Where(s => (teamCode == null || s.TeamCode == teamCode)).ToListAsync(cancellationToken);
                var workers = await db.Workers.AsNoTracking().Where(w => teamCode == null || w.TeamCode == teamCode).ToListAsync(cancellationToken);
                return dates.Select(d => Supervision(entries, workers, d)).ToList();
            }
            case Measures.AgencyRate:
            {
                var workers = await db.Workers.AsNoTracking()
                    .Where(w => w.StartDate <= last && (teamCode == null || w.TeamCode == teamCode)).ToListAsync(cancellationToken);
                return dates.Select(d =>
                {
                    var active = workers.Where(w => w.IsActiveOn(d)).ToList();
                    var total = active.Sum(w => w.Fte);
                    return total == 0 ? (decimal?)null : decimal.Round(active.Where(w => w.IsAgency).Sum(w => w.Fte) * 100 / total, 1);
                }).ToList();
            }
            case Measures.VacancyRate:
            {
                var posts = await db.EstablishmentPosts.AsNoTracking()
                    .Where(p => p.EffectiveFrom <= last && (teamCode == null || p.TeamCode == teamCode))
                    .Include(p => p.Vacancies).AsSplitQuery().ToListAsync(cancellationToken);
                return dates.Select(d =>
                {
                    var rate = VacancyRate.Compute(d, posts);
                    return rate.EstablishmentFte == 0 ? (decimal?)null : rate.RatePercent;
                }).ToList();
            }
            case Measures.ChildrenLookedAfter:
            case Measures.ClaRatePer10000:
            {
                var snapshots = await db.CarePopulationSnapshots.AsNoTracking().Where(s => s.AsAt <= last).ToListAsync(cancellationToken);
                return dates.Select(d =>
                {
                    var latest = snapshots.Where(s => s.AsAt <= d).OrderBy(s => s.AsAt).ThenBy(s => s.OccurredAt).ThenBy(s => s.Id).LastOrDefault();
                    return latest is null ? null : measure == Measures.ChildrenLookedAfter ? latest.ChildrenLookedAfter : latest.RatePer10000;
                }).ToList();
            }
            case Measures.PlacementStability:
            {
                var placements = await db.Placements.AsNoTracking().Where(p => p.StartDate <= last).ToListAsync(cancellationToken);
                return dates.Select(d => Stability(placements, d)).ToList();
            }
            case Measures.CarerCapacity:
            {
                var carers = await db.FosterCarers.AsNoTracking().Where(c => c.ApprovedOn <= last).ToListAsync(cancellationToken);
                var placed = await db.Placements.AsNoTracking().Where(p => p.FosterCarerId != null && p.StartDate <= last).ToListAsync(cancellationToken);
                return dates.Select(d =>
                {
                    var approved = carers.Where(c => c.IsApprovedOn(d)).Select(c => c.FosterCarerId).ToHashSet();
                    if (approved.Count == 0) return (decimal?)null;
                    var places = carers.Where(c => approved.Contains(c.FosterCarerId)).Sum(c => c.ApprovedPlaces);
                    return places - placed.Count(p => p.IsOpenOn(d) && approved.Contains(p.FosterCarerId!.Value));
                }).ToList();
            }
            case Measures.ForecastOverspend:
            {
                var snapshots = await db.ForecastSnapshots.AsNoTracking().Where(s => s.AsAt <= last).ToListAsync(cancellationToken);
                return dates.Select(d =>
                {
                    // Each ForecastUpdated carries the year's totals as Finance computed them when it was raised (they
                    // include commitments dated later), dated by the change that raised it. The latest computed of
                    // those dated by the date is the most complete forecast for it.
                    var year = ForecastSnapshot.FinancialYearOf(d);
                    return snapshots.Where(s => s.FinancialYear == year && s.AsAt <= d)
                        .OrderBy(s => s.OccurredAt).ThenBy(s => s.Id).LastOrDefault()?.Overspend;
                }).ToList();
            }
            default:
                throw new InvalidOperationException($"Measure {measure} has no calculation.");
        }
    }

    private static async Task<Dictionary<Guid, DateOnly>> EndedWorkersAsync(InspectionsDbContext db, string? teamCode, CancellationToken cancellationToken) =>
        await db.Workers.AsNoTracking()
            .Where(w => w.EndDate != null && (teamCode == null || w.TeamCode == teamCode))
            .ToDictionaryAsync(w => w.WorkerId, w => w.EndDate!.Value, cancellationToken);

    private static decimal? Caseload(string measure, List<CaseloadSnapshot> latest, Dictionary<Guid, DateOnly> ended, DateOnly date)
    {
        var current = latest.Where(s => !(ended.TryGetValue(s.WorkerId, out var end) && end < date)).ToList();
        if (current.Count == 0) return null;
        if (measure == Measures.CaseloadOverThreshold)
        {
            return decimal.Round(current.Count(s => s.Caseload > s.WarningThreshold) * 100m / current.Count, 1);
        }
        var fte = current.Sum(s => s.Fte);
        return fte == 0 ? null : decimal.Round(current.Sum(s => s.Caseload) / fte, 2);
    }

    private static decimal? Supervision(List<SupervisionEntry> entries, List<WorkerRecord> workers, DateOnly date)
    {
        var endedBefore = workers.Where(w => w.EndDate is { } end && end < date).Select(w => w.WorkerId).ToHashSet();
        var population = workers.Where(w => w.IsActiveOn(date)).Select(w => w.WorkerId)
            .Concat(entries.Where(e => e.KnownFrom <= date).Select(e => e.WorkerId))
            .Where(id => !endedBefore.Contains(id))
            .ToHashSet();
        if (population.Count == 0) return null;
        var compliant = population.Count(id =>
            entries.Where(e => e.WorkerId == id && e.HeldOn is { } held && held <= date)
                .OrderBy(e => e.HeldOn).ThenBy(e => e.Id).LastOrDefault() is { } latest && latest.NextDueOn >= date);
        return decimal.Round(compliant * 100m / population.Count, 1);
    }

    private static decimal? Stability(List<PlacementRecord> placements, DateOnly date)
    {
        var children = placements.Where(p => p.IsOpenOn(date)).Select(p => p.ChildId).ToHashSet(StringComparer.Ordinal);
        if (children.Count == 0) return null;
        var yearBefore = date.AddYears(-1);
        var threePlus = placements
            .Where(p => p.StartDate > yearBefore && p.StartDate <= date && children.Contains(p.ChildId))
            .GroupBy(p => p.ChildId, StringComparer.Ordinal)
            .Count(g => g.Count() >= 3);
        return decimal.Round(threePlus * 100m / children.Count, 1);
    }
}
