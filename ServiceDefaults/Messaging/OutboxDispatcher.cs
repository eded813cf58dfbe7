using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults.Data;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>Tuning of the outbox dispatcher (configuration section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>How often to look for pending messages when nothing signalled new ones.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Messages claimed per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Batches dispatched at once by one service instance (<c>Outbox__Dispatchers</c>), each claiming its own rows
    /// (<c>SKIP LOCKED</c>): while one batch waits for the broker's confirms and its commit, the next is claimed and
    /// published. 1 dispatches strictly one batch after another.
    /// </summary>
    public int Dispatchers { get; set; } = 2;

    /// <summary>
    /// Publishes of a batch awaiting their broker confirm at once (<c>Outbox__MaxPublishesInFlight</c>); 1 publishes
    /// strictly one after another. Overlapping publishes may reach the broker slightly out of outbox order.
    /// </summary>
    public int MaxPublishesInFlight { get; set; } = 100;

    /// <summary>How long sent messages are kept (for diagnosis) before being deleted (<c>Outbox__Retention</c>).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long consumed message ids are kept (<c>Outbox__InboxRetention</c>). A redelivery or republish older
    /// than this would be applied again, so it must exceed any producer's outbox retry horizon by far.
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often expired outbox and inbox rows are deleted; the first clean-up runs at start-up.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Wakes the dispatcher as soon as an event is committed, instead of at the next poll: signalled in-process by the
/// service's own commits, and by PostgreSQL's notification on <see cref="OutboxNotifications.Channel"/> for rows any
/// other process commits (another replica, an operator's replay, a bulk load).
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    /// <summary>Waits for a signal or the timeout; returns false on timeout or cancellation.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _signal.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Publishes committed outbox rows to RabbitMQ. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and marked sent in
/// the claim's transaction, so several replicas share the work without sending a row twice (beyond at-least-once if a
/// replica dies between the broker's confirm and the commit). MassTransit publishes with publisher confirms, and the
/// transaction commits only once the broker has confirmed every row it keeps marked. Each publish continues the trace
/// of the request that raised the event.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IOptions<Platform.ServiceDefaults.Http.IdempotencyOptions> idempotency,
    NpgsqlDataSource dataSource,
    TimeProvider time,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private DateTimeOffset _nextCleanup;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // A batch spends most of its time waiting (for the broker's confirms, for the commit's flush): with one dispatcher
        // the outbox drained at about 3,000 events/s with the host 84 % busy, limiting every consumer behind it.
        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Dispatchers))
            .Select(dispatcher => DispatchLoopAsync(settings, cleansUp: dispatcher == 0, stoppingToken))
            .Append(ListenForCommitsAsync(stoppingToken)));
    }

    /// <summary>
    /// Holds one connection listening on <see cref="OutboxNotifications.Channel"/> and signals the dispatchers on every
    /// notification. Without it, rows committed by another process waited for the next poll (up to
    /// <see cref="OutboxOptions.PollInterval"/>). Reconnects after a failure; the poll covers the gap meanwhile.
    /// </summary>
    private async Task ListenForCommitsAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxNotifications.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Rows committed while nobody listened (start-up, a reconnect) are not notified again.
                signal.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    // A quiet minute: prove the connection is alive, so a silently dropped one is replaced.
                    if (!await connection.WaitAsync(ListenerProbeInterval, stoppingToken))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogListenFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static readonly TimeSpan ListenerProbeInterval = TimeSpan.FromMinutes(1);

    private async Task DispatchLoopAsync(OutboxOptions settings, bool cleansUp, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int dispatched;
            try
            {
                dispatched = await DispatchBatchAsync(settings.BatchSize, stoppingToken);
                if (cleansUp) await CleanupAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Database unreachable or similar: back off and try again; nothing is lost, rows stay pending.
                LogDispatchFailed(logger, ex);
                dispatched = 0;
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (dispatched < settings.BatchSize)
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            else
            {
                // A full batch: there may be more, so wake a dispatcher that is waiting to take the next one.
                signal.Notify();
            }
        }
    }

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Publishes one batch; returns how many rows were claimed.</summary>
    public async Task<int> DispatchBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = time.GetUtcNow();
        // Claimed and marked sent in one statement, in the partial index's order (due time, then sequence) so that a claim
        // reads its batch however long the backlog. The mark commits only with the broker's confirms below: a crash or a
        // failed publish before the commit leaves the rows pending. (The claim used to lock the rows with FOR UPDATE and a
        // second statement marked them after the confirms: each row written twice by the dispatcher.)
        var claimed = await db.OutboxMessages
            .FromSql($"""
                WITH due AS (
                    SELECT id FROM outbox_messages
                    WHERE sent_at IS NULL AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at, sequence
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                UPDATE outbox_messages AS message SET sent_at = {now}, last_error = NULL
                FROM due WHERE message.id = due.id
                RETURNING message.id, message.sequence, message.message_type, message.payload, message.occurred_at,
                    message.trace_parent, message.attempts, message.next_attempt_at, message.sent_at, message.last_error
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        // RETURNING keeps no order.
        var batch = claimed.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Sequence).ToList();

        // Publishes overlap (up to MaxPublishesInFlight awaiting their broker confirm at once), started in outbox order;
        // each confirmed row stays sent until the first failure, which backs off, and every row after it goes back to
        // pending, to go again after it (possibly a second time: at-least-once, the consumers' inbox drops the repeat).
        var inFlight = Math.Max(1, options.Value.MaxPublishesInFlight);
        int? failedAt = null;
        for (var start = 0; start < batch.Count && failedAt is null; start += inFlight)
        {
            var window = batch.Skip(start).Take(inFlight).ToList();
            var publishes = window.Select(message => PublishAsync(message, cancellationToken)).ToList();
            // Outcomes are read below, row by row.
            await Task.WhenAll(publishes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // Stopping: the transaction rolls back and every row of the batch stays pending (the confirmed ones go again
            // after the restart; the consumers' inbox drops the repeats).
            cancellationToken.ThrowIfCancellationRequested();

            for (var i = 0; i < window.Count && failedAt is null; i++)
            {
                var message = window[i];
                var publish = publishes[i];
                if (publish.IsCompletedSuccessfully)
                {
                    PlatformTelemetry.OutboxPublished.Add(1);
                    continue;
                }
                // A publish timed out (cancelled by its own timeout) or failed.
                var ex = publish.Exception?.GetBaseException() ?? new TimeoutException("The publish was not confirmed in time.");
                failedAt = start + i;
                db.OutboxMessages.Attach(message);
                message.MarkFailed(time.GetUtcNow(), ex.Message);
                PlatformTelemetry.OutboxPublishFailures.Add(1);
                LogPublishFailed(logger, message.MessageType, message.Id, message.Attempts, ex);
            }
        }

        // The rows after a failed one (the claim marked them sent; some may have been confirmed) go back to pending as they
        // were, so the next claim takes them at once: a row that cannot be published holds up nobody, and a row confirmed
        // here goes a second time, which the consumers' inbox drops. (OutboxPublishFailureTests)
        if (failedAt is { } failed && batch.Skip(failed + 1).Select(m => m.Id).ToArray() is { Length: > 0 } afterFailure)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET sent_at = NULL WHERE id = ANY({afterFailure})", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = ContractJson.ResolveContract(message.MessageType)
            ?? throw new InvalidOperationException($"Unknown contract type '{message.MessageType}'.");
        var payload = JsonSerializer.Deserialize(message.Payload, type, ContractJson.Options)
            ?? throw new InvalidOperationException("Outbox payload is empty.");

        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = PlatformTelemetry.ActivitySource.StartActivity(
            $"outbox publish {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.Id);

        // Bounded: a publish waiting on a broker connection that never comes back would otherwise hold the whole
        // outbox (every later row waits behind this one). Timing out marks the row failed; the next attempt
        // publishes through the bus's fresh connection.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        await bus.Publish(payload, type, context => context.MessageId = message.Id, timeout.Token);
    }

    private async Task CleanupAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextCleanup) return;
        _nextCleanup = now + settings.CleanupInterval;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var sentBefore = now - settings.Retention;
        var processedBefore = now - settings.InboxRetention;
        // Unsent rows are never deleted, however old: they are events still owed to other services.
        var outbox = await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < sentBefore).ExecuteDeleteAsync(cancellationToken);
        var inbox = await db.InboxMessages.Where(m => m.ProcessedAt < processedBefore).ExecuteDeleteAsync(cancellationToken);
        var keptFrom = now - idempotency.Value.Retention;
        await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < keptFrom).ExecuteDeleteAsync(cancellationToken);
        if (outbox + inbox > 0) LogCleanedUp(logger, outbox, inbox);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Outbox} sent outbox rows and {Inbox} inbox rows past their retention")]
    private static partial void LogCleanedUp(ILogger logger, int outbox, int inbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for outbox commits failed; polling until the connection is back")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed; retrying")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} {MessageId} failed (attempt {Attempts}); will retry")]
    private static partial void LogPublishFailed(ILogger logger, string messageType, Guid messageId, int attempts, Exception exception);
}
