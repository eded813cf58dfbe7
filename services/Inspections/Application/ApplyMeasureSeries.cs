using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Measures.V1;
using MeasurePoint = Platform.Inspections.Domain.MeasurePoint;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;

namespace Platform.Inspections.Application;

/// <summary>
/// Stores an owner's published measure values and re-rates the indicators on them. Inspections never derives another
/// service's measure: the work per publication follows the number of points published, not the size of the authority.
/// Publications arrive in batches: each is stored as it comes (<see cref="HandleAsync"/>), and the indicators on the
/// measures the batch changed are re-rated once, at its end (<see cref="RateChangedIndicatorsAsync"/>). Scoped: one per batch.
/// </summary>
public sealed class ApplyMeasureSeries(InspectionsDbContext db, TimeProvider time)
{
    // Per owner: the measures a publication of this batch changed, and the latest date one of them measured.
    private readonly SortedDictionary<string, (HashSet<string> Measures, DateOnly Latest)> changed = new(StringComparer.Ordinal);

    public async Task HandleAsync(MeasureSeriesPublished message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // One owner's publications are applied one at a time (until this transaction commits), so two never interleave.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"measures:" + message.Owner}))", cancellationToken);
        if (await db.MeasurePublications.AnyAsync(p => p.Owner == message.Owner && p.Version == message.Version, cancellationToken)) return;

        // A later publication already applied wins from its own start: this one covers the dates before it only.
        var cutoff = await db.MeasurePublications
            .Where(p => p.Owner == message.Owner && p.Version > message.Version && p.From >= message.From)
            .MinAsync(p => (DateOnly?)p.From, cancellationToken);
        var supersededFromStart = await db.MeasurePublications
            .AnyAsync(p => p.Owner == message.Owner && p.Version > message.Version && p.From <= message.From, cancellationToken);
        db.MeasurePublications.Add(new MeasurePublication(message.Owner, message.Version, message.From, message.Until, time.GetUtcNow()));
        var end = Earliest(message.Until, cutoff);
        if (supersededFromStart || end <= message.From)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var measures = Measures.All.Values.Where(m => m.Owner == message.Owner).Select(m => m.Code)
            .Concat(message.Series.Select(s => s.Measure)).Distinct(StringComparer.Ordinal).ToList();
        bool InRange(DateOnly d) => d >= message.From && (end is null || d < end);

        // Scopes measured before the range that the publication does not list have no value from its start.
        var listed = message.Series.Select(s => (s.Measure, s.Scope)).ToHashSet();
        var before = await db.MeasurePoints.AsNoTracking()
            .Where(p => measures.Contains(p.Measure) && p.AsAt < message.From)
            .GroupBy(p => new { p.Measure, p.Scope })
            .Select(g => g.OrderByDescending(p => p.AsAt).First())
            .ToListAsync(cancellationToken);

        var range = db.MeasurePoints.Where(p => measures.Contains(p.Measure) && p.AsAt >= message.From);
        if (end is { } stop) range = range.Where(p => p.AsAt < stop);
        await range.ExecuteDeleteAsync(cancellationToken);

        foreach (var series in message.Series)
        {
            foreach (var point in series.Points.Where(p => InRange(p.AsAt)))
            {
                db.MeasurePoints.Add(new MeasurePoint(series.Measure, series.Scope, point.AsAt, point.Value, point.Numerator, point.Denominator, message.Version));
            }
        }
        foreach (var last in before.Where(p => p.Value is not null && !listed.Contains((p.Measure, p.Scope))))
        {
            db.MeasurePoints.Add(new MeasurePoint(last.Measure, last.Scope, message.From, null, 0, 0, message.Version));
        }
        await db.SaveChangesAsync(cancellationToken);

        // Indicators are rated as at the latest date the owner measured something (not a series' closing "no value" point).
        var latest = message.Series.SelectMany(s => s.Points).Where(p => InRange(p.AsAt) && p.Value is not null).Select(p => (DateOnly?)p.AsAt).Max() ?? message.From;
        if (changed.TryGetValue(message.Owner, out var earlier))
        {
            earlier.Measures.UnionWith(measures);
            changed[message.Owner] = (earlier.Measures, earlier.Latest > latest ? earlier.Latest : latest);
        }
        else
        {
            changed[message.Owner] = ([.. measures], latest);
        }
    }

    /// <summary>Re-rates, once per owner, the indicators on the measures the publications stored so far changed.</summary>
    public async Task RateChangedIndicatorsAsync(CancellationToken cancellationToken)
    {
        foreach (var (measures, latest) in changed.Values)
        {
            await IndicatorEvaluation.ReevaluateAsync(db, measures, latest, cancellationToken);
        }
        changed.Clear();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
