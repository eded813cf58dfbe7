using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;

namespace Platform.Inspections.Infrastructure;

/// <summary>Reads the owners' published values: a measure's value on a date is the latest point on or before it.</summary>
public static class MeasureValues
{
    public static Task<MeasurePoint?> PointAsync(InspectionsDbContext db, string measure, string? teamCode, DateOnly asAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scope = teamCode ?? "";
        return db.MeasurePoints.AsNoTracking()
            .Where(p => p.Measure == measure && p.Scope == scope && p.AsAt <= asAt)
            .OrderByDescending(p => p.AsAt).FirstOrDefaultAsync(cancellationToken);
    }

    public static async Task<decimal?> ValueAsync(InspectionsDbContext db, string measure, string? teamCode, DateOnly asAt, CancellationToken cancellationToken) =>
        (await PointAsync(db, measure, teamCode, asAt, cancellationToken))?.Value;

    /// <summary>Values on each of <paramref name="dates"/>, in one query whatever their number.</summary>
    public static async Task<IReadOnlyList<decimal?>> SeriesAsync(
        InspectionsDbContext db, string measure, string? teamCode, IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Count == 0) return [];
        var scope = teamCode ?? "";
        var first = dates.Min();
        var last = dates.Max();
        // The point in force on the first date, and every later one up to the last date.
        var opening = await PointAsync(db, measure, teamCode, first, cancellationToken);
        var points = await db.MeasurePoints.AsNoTracking()
            .Where(p => p.Measure == measure && p.Scope == scope && p.AsAt > first && p.AsAt <= last)
            .OrderBy(p => p.AsAt).Select(p => new { p.AsAt, p.Value }).ToListAsync(cancellationToken);
        return dates.Select(date =>
        {
            var later = points.LastOrDefault(p => p.AsAt <= date);
            return later is not null ? later.Value : opening?.Value;
        }).ToList();
    }

    /// <summary>Whether any owner has published a value for the team.</summary>
    public static Task<bool> IsKnownScopeAsync(InspectionsDbContext db, string teamCode, CancellationToken cancellationToken) =>
        db.MeasurePoints.AnyAsync(p => p.Scope == teamCode, cancellationToken);
}
