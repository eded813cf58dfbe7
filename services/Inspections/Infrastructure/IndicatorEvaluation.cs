using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;

namespace Platform.Inspections.Infrastructure;

/// <summary>Re-rates the indicators on measures whose published values changed and queues IndicatorStatusChanged for each RAG change.</summary>
public static class IndicatorEvaluation
{
    // on: the latest business date the change reached; an indicator is rated as at the latest such date it has seen.
    public static async Task ReevaluateAsync(InspectionsDbContext db, IReadOnlyCollection<string> measures, DateOnly on, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var indicators = await db.Indicators.Where(i => measures.Contains(i.Measure)).ToListAsync(cancellationToken);
        foreach (var indicator in indicators)
        {
            var asAt = indicator.StatusAsAt is { } previous && previous > on ? previous : on;
            var previousStatus = indicator.Status;
            var value = await MeasureValues.ValueAsync(db, indicator.Measure, indicator.TeamCode, asAt, cancellationToken);
            if (indicator.Evaluate(value, asAt))
            {
                db.IndicatorStatusChanges.Add(new IndicatorStatusChange(indicator.Code, asAt, value, previousStatus, indicator.Status, DateTimeOffset.UtcNow));
            }
        }
    }
}
