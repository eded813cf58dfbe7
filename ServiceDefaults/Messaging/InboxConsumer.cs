using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Ingest.V1;
using Platform.ServiceDefaults.Data;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Base of every consumer: records the message id in the inbox in the same transaction as the effect, so a
/// redelivered or republished message (same id) changes nothing. Events the handler raises go to the outbox
/// in that same transaction. A command from Ingest is audited under its authenticated sender and event, and its
/// application reported back to Ingest (<see cref="IngestCommandApplied"/>), in that transaction too.
/// </summary>
public abstract class InboxConsumer<TMessage, TContext>(TContext db) : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db { get; } = db;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = Inbox.MessageId(context);
        var consumer = GetType().Name;
        var cancellationToken = context.CancellationToken;

        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var firstTime = await Inbox.RecordAsync(Db, [messageId], consumer, cancellationToken);
        if (firstTime.Count == 0)
        {
            PlatformTelemetry.InboxDuplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
            return;
        }

        var origin = (context.Message as IngestCommand)?.Origin;
        using (origin is null ? null : AuditActor.Use(new AuditActor.Actor($"ingest:{origin.Sender}", $"EVENT {origin.EventType} {origin.Source} {origin.EventId}")))
        {
            await HandleAsync(context.Message, Inbox.SentAt(context), cancellationToken);
            if (context.Message is IngestCommand)
            {
                // Tells Ingest the event was applied (GET /events/{source}/{id}), in the transaction that applied it.
                Db.AddIntegrationEvent(new IngestCommandApplied(messageId, ServiceName));
            }
            await Db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The owning service, as Ingest reports it: the consumer's assembly (<c>workforce</c>).</summary>
    private string ServiceName => GetType().Assembly.GetName().Name!.ToLowerInvariant();

    /// <summary>Applies the message to this service's state; the caller saves and commits.</summary>
    protected abstract Task HandleAsync(TMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken);
}
