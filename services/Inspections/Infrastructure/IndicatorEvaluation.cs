using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Inspections.V1;
using Platform.Inspections.Domain;

namespace Platform.Inspections.Infrastructure;

/// <summary>Re-evaluates the indicators an input change affects and queues IndicatorStatusChanged for each RAG change.</summary>
public static class IndicatorEvaluation
{
    // teamCode: the team the change is about (workforce events), null for service-wide inputs.
    // on: the business date of the change; an indicator is evaluated as at its latest such date.
    public static async Task ReevaluateAsync(InspectionsDbContext db, IReadOnlyCollection<string> measures, string? teamCode, DateOnly on, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var indicators = await db.Indicators
            .Where(i => measures.Contains(i.Measure) && (i.TeamCode == null || teamCode == null || i.TeamCode == teamCode))
            .ToListAsync(cancellationToken);
        foreach (var indicator in indicators)
        {
            var asAt = indicator.StatusAsAt is { } previous && previous > on ? previous : on;
            var previousStatus = indicator.Status;
            var previousValue = indicator.Value;
            var value = await IndicatorCalculator.ValueAsync(db, indicator.Measure, indicator.TeamCode, asAt, cancellationToken);
            if (indicator.Evaluate(value, asAt) is { } changed)
            {
                db.AddIntegrationEvent(changed);
                db.IndicatorStatusChanges.Add(new IndicatorStatusChange(indicator.Code, asAt, value, previousStatus, indicator.Status, DateTimeOffset.UtcNow));
            }
            if (value != previousValue || indicator.Status != previousStatus)
            {
                // Every value change, for live displays (the web app's board tiles); RAG changes also raise the event above.
                db.AddIntegrationEvent(new IndicatorValueChanged(indicator.Code, value, indicator.Status, asAt));
            }
        }
    }
}
