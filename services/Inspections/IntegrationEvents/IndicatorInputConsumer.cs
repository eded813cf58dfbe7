using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Inspections.IntegrationEvents;

/// <summary>What a consumed event changed: the business date, the team (if any) and the measures it feeds.</summary>
public sealed record InputChange(DateOnly On, string? TeamCode, params string[] Measures);

/// <summary>
/// Base of the consumers that feed indicators: applies the event to a read model, then re-evaluates the indicators
/// it affects, all in the inbox transaction, so IndicatorStatusChanged is queued in the outbox exactly once.
/// </summary>
public abstract class IndicatorInputConsumer<TMessage>(InspectionsDbContext db) : InboxConsumer<TMessage, InspectionsDbContext>(db)
    where TMessage : class
{
    protected sealed override async Task HandleAsync(TMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var change = await ApplyAsync(message, cancellationToken);
        if (change is null) return;
        // Saved inside the inbox transaction, so the calculation below sees the new read-model rows.
        await Db.SaveChangesAsync(cancellationToken);
        await IndicatorEvaluation.ReevaluateAsync(Db, change.Measures, change.TeamCode, change.On, cancellationToken);
    }

    /// <summary>Applies the event to the read model; null when it changes nothing.</summary>
    protected abstract Task<InputChange?> ApplyAsync(TMessage message, CancellationToken cancellationToken);
}
