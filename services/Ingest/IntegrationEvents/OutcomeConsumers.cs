using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Ingest.V1;
using Platform.Ingest.Domain;
using Platform.Ingest.Infrastructure;

namespace Platform.Ingest.IntegrationEvents;

// What the owning services made of the commands Ingest sent them, recorded on the received event so its sender (and
// operators) can ask GET /events/{source}/{id}. Both updates are idempotent, so no inbox is needed; "applied" is final
// (a refused command an operator replays from its _error queue, once applied, reads "applied").

/// <summary>The owning service applied the command (published through its outbox with the change).</summary>
public sealed class IngestCommandAppliedConsumer(IngestDbContext db, TimeProvider clock) : IConsumer<IngestCommandApplied>
{
    public const string Queue = "ingest-outcomes";

    public async Task Consume(ConsumeContext<IngestCommandApplied> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var applied = context.Message;
        var now = clock.GetUtcNow();
        await db.ReceivedEvents.Where(r => r.MessageId == applied.CommandId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceivedEventStatus.Applied)
                .SetProperty(r => r.OutcomeService, applied.Service)
                .SetProperty(r => r.OutcomeReason, (string?)null)
                .SetProperty(r => r.OutcomeAt, now), context.CancellationToken);
    }
}

/// <summary>
/// The owning service refused the command: MassTransit publishes <see cref="Fault{T}"/> when a consumer gives up on a
/// message (at once for a broken rule, after the retries otherwise) and moves it to the consumer's _error queue.
/// </summary>
public sealed class IngestCommandRefusedConsumer<TCommand>(IngestDbContext db, TimeProvider clock) : IConsumer<Fault<TCommand>>
    where TCommand : IngestCommand
{
    public async Task Consume(ConsumeContext<Fault<TCommand>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fault = context.Message;
        var exception = fault.Exceptions?.FirstOrDefault();
        var reason = exception?.Message is { Length: > 0 } message ? message : "The owning service could not apply the event.";
        if (reason.Length > ReceivedEvent.MaxReasonLength) reason = reason[..ReceivedEvent.MaxReasonLength];
        var service = fault.Host?.Assembly?.ToLowerInvariant() ?? "";
        if (service.Length > 40) service = service[..40];
        var now = clock.GetUtcNow();
        await db.ReceivedEvents.Where(r => r.MessageId == fault.Message.EventId && r.Status != ReceivedEventStatus.Applied)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReceivedEventStatus.Refused)
                .SetProperty(r => r.OutcomeService, service)
                .SetProperty(r => r.OutcomeReason, reason)
                .SetProperty(r => r.OutcomeAt, now), context.CancellationToken);
    }
}
