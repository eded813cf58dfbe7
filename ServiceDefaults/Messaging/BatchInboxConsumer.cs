using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Domain;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Base of a consumer of high-volume events, taken in batches (MassTransit's <see cref="Batch{T}"/>): the batch's effects,
/// its inbox rows and the events it raises are committed in <b>one transaction</b>, so a burst of events costs one commit
/// and one recalculation per key (<see cref="CompleteBatchAsync"/>) instead of one per event.
/// Exactly once is kept: every message's id goes to the inbox in that transaction (a redelivered or republished id
/// changes nothing, also inside one batch), and a crash before the commit applies nothing, so the broker redelivers
/// the whole batch. A consumer that declares <see cref="AppliesSetWise"/> applies the whole batch to the same tracked
/// entities and saves it with one <c>SaveChanges</c> (its reads for the batch made up front in <see cref="PrepareBatchAsync"/>);
/// if that fails, the batch is rolled back to before it and applied again one message at a time, as every other
/// consumer's batch is. A message that fails on its own (a broken rule at once; anything else after a few tries) is rolled
/// back to its savepoint and parked in the queue's <c>_error</c> queue with its reason in the <c>MT-Fault-*</c> headers, as
/// a single message would be, while the rest of the batch applies. A dependency failure (the database down) fails the
/// whole batch, which waits and is retried by the bus's retry policy (<see cref="MessagingExtensions.AddMessaging"/>).
/// Commands from Ingest stay on <see cref="InboxConsumer{TMessage,TContext}"/>: their refusals are reported to Ingest
/// through MassTransit's fault events, which a batch does not publish per message.
/// </summary>
public abstract class BatchInboxConsumer<TMessage, TContext>(TContext db, ILogger logger) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : ServiceDbContext
{
    private const string Savepoint = "message";

    protected TContext Db { get; } = db;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var consumer = GetType().Name;
        var cancellationToken = context.CancellationToken;
        var parked = new List<(ConsumeContext<TMessage> Message, Exception Reason)>();

        await using (var transaction = await Db.Database.BeginTransactionAsync(cancellationToken))
        {
            var firstTime = await Inbox.RecordAsync(Db, context.Message.Select(Inbox.MessageId), consumer, cancellationToken);
            var fresh = new List<ConsumeContext<TMessage>>(context.Message.Length);
            foreach (var message in context.Message)
            {
                if (firstTime.Remove(message.MessageId!.Value)) fresh.Add(message);
                else PlatformTelemetry.InboxDuplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
            }
            if (fresh.Count > 0 && !(AppliesSetWise && await ApplySetWiseAsync(transaction, fresh, cancellationToken)))
            {
                foreach (var message in fresh)
                {
                    if (await ApplyAsync(transaction, message, consumer, cancellationToken) is { } failure)
                    {
                        parked.Add((message, failure));
                    }
                }
            }
            await CompleteBatchAsync(cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        PlatformTelemetry.BatchSize.Record(context.Message.Length, new KeyValuePair<string, object?>("consumer", consumer));

        // After the commit: if parking fails, the batch is redelivered, its applied messages are skipped as
        // duplicates and the failing one is parked again.
        foreach (var (message, reason) in parked)
        {
            await ParkAsync(context, message, reason, consumer);
        }
    }

    /// <summary>
    /// Applies every message of the batch and saves them together under one savepoint; returns false, with the batch
    /// rolled back to that savepoint and <see cref="ForgetBatch"/> called, when anything but a dependency failure fails
    /// (a broken rule in one message, a conflict between two), so that the caller applies them one at a time.
    /// </summary>
    private async Task<bool> ApplySetWiseAsync(IDbContextTransaction transaction, List<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken)
    {
        await transaction.CreateSavepointAsync(BatchSavepoint, cancellationToken);
        try
        {
            await PrepareBatchAsync(messages.Select(m => m.Message).ToList(), cancellationToken);
            foreach (var message in messages)
            {
                await HandleAsync(message.Message, Inbox.SentAt(message), cancellationToken);
            }
            await SaveSetWiseAsync(cancellationToken);
            await transaction.ReleaseSavepointAsync(BatchSavepoint, cancellationToken);
            return true;
        }
        catch (Exception failure) when (!TransientFailures.IsTransient(failure) && !cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackToSavepointAsync(BatchSavepoint, cancellationToken);
            Db.ChangeTracker.Clear();
            ForgetBatch();
            return false;
        }
    }

    private const string BatchSavepoint = "batch";

    /// <summary>
    /// Applies one message under a savepoint. A broken rule fails the same way every time: rolled back and returned at
    /// once, to be parked. Anything else that is not a dependency failure may pass on another try (a row a concurrent
    /// consumer of another queue inserted first: the next try reads it), so it is rolled back and tried again, a few
    /// times, as the bus's retry policy does for single messages, before it is parked. A dependency failure fails the batch.
    /// </summary>
    private async Task<Exception?> ApplyAsync(IDbContextTransaction transaction, ConsumeContext<TMessage> message, string consumer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await transaction.CreateSavepointAsync(Savepoint, cancellationToken);
            try
            {
                await HandleAsync(message.Message, Inbox.SentAt(message), cancellationToken);
                await Db.SaveChangesAsync(cancellationToken);
                await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
                return null;
            }
            catch (Exception failure) when (!TransientFailures.IsTransient(failure) && !cancellationToken.IsCancellationRequested)
            {
                await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
                // The savepoint undid the rows; the tracker still holds the failed attempt's entities and events.
                Db.ChangeTracker.Clear();
                ForgetBatch();
                if (failure is DomainRuleException || attempt == MessageAttempts)
                {
                    await Db.Database.ExecuteSqlAsync(
                        $"DELETE FROM inbox_messages WHERE message_id = {message.MessageId} AND consumer = {consumer}", cancellationToken);
                    return failure;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private const int MessageAttempts = 4;

    /// <summary>Applies one message to this service's state; the base saves it (and its events) under its savepoint.</summary>
    protected abstract Task HandleAsync(TMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="HandleAsync"/> can apply a message after earlier ones of its batch without their being saved:
    /// every read it makes goes through what <see cref="PrepareBatchAsync"/> loaded and what earlier messages changed.
    /// </summary>
    protected virtual bool AppliesSetWise => false;

    /// <summary>Loads, in as few statements as it can, what the messages of a batch applied set-wise will read.</summary>
    protected virtual Task PrepareBatchAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Saves a batch applied set-wise, under its savepoint: one <c>SaveChanges</c> unless a consumer writes some of the
    /// batch's rows in one SQL statement rather than one tracked insert each, and adds that statement here, where its
    /// failure still rolls the whole batch back to be applied one message at a time.
    /// </summary>
    protected virtual async Task SaveSetWiseAsync(CancellationToken cancellationToken) => await Db.SaveChangesAsync(cancellationToken);

    /// <summary>Called when the tracked entities were cleared after a rollback: whatever was loaded for the batch is gone.</summary>
    protected virtual void ForgetBatch() { }

    /// <summary>Runs once per batch after every message applied, in the batch's transaction: the place for work per key (a recalculation).</summary>
    protected virtual Task CompleteBatchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ParkAsync(ConsumeContext<Batch<TMessage>> context, ConsumeContext<TMessage> message, Exception reason, string consumer)
    {
        // "queue:" declares the _error queue and binds it to its exchange if no failure has created them yet.
        var queue = message.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1];
        var endpoint = await context.GetSendEndpoint(new Uri($"queue:{queue}_error"));
        await endpoint.Send(message.Message, send =>
        {
            send.MessageId = message.MessageId;
            send.CorrelationId = message.CorrelationId;
            send.ConversationId = message.ConversationId;
            send.Headers.Set("MT-Reason", "fault");
            send.Headers.Set("MT-Fault-ExceptionType", reason.GetType().FullName);
            send.Headers.Set("MT-Fault-Message", reason.Message);
            send.Headers.Set("MT-Fault-StackTrace", reason.StackTrace);
            send.Headers.Set("MT-Fault-ConsumerType", consumer);
            send.Headers.Set("MT-Fault-Timestamp", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }, context.CancellationToken);
        PlatformTelemetry.Parked.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
        // The message id and the exception's type only: a reason can quote a child's or worker's data.
        Log.Parked(logger, message.MessageId, consumer, reason.GetType().Name);
    }

}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} parked by {Consumer} in its _error queue: {ExceptionType}")]
    public static partial void Parked(ILogger logger, Guid? messageId, string consumer, string exceptionType);
}
