using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Ingest.V1;
using Platform.Ingest.Domain;
using Platform.Ingest.Infrastructure;
using StackExchange.Redis;

namespace Platform.Ingest.Application;

/// <summary>What became of a valid event.</summary>
public enum IngestStatus
{
    /// <summary>Published to the owning service (RabbitMQ confirmed it).</summary>
    Accepted,
    /// <summary>The same event (source, id and content) was accepted before; nothing was sent again.</summary>
    Duplicate,
    /// <summary>An event with the same source and id but other content was accepted before; this one was not sent.</summary>
    Conflict,
}

/// <summary>RabbitMQ did not confirm a publish in time; the caller should send the event again (it stays de-duplicated).</summary>
public sealed class BrokerUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Accepts a validated event once: the Redis fast path, then the durable record in ingestdb, then the publish of the
/// owning service's command, awaited until RabbitMQ confirms it, then the record and Redis marked sent. The command's
/// message id is derived from the event's source and id, so a publish repeated after a crash between the confirm and
/// the mark is applied once by the owning service's inbox. The same source and id with other content is a conflict.
/// Shared by HTTP and AMQP ingest; the sender is the identity the channel authenticated.
/// </summary>
public sealed partial class EventIngestor(
    IngestDbContext db, IBus bus, IConnectionMultiplexer redis, IOptions<IngestOptions> options, TimeProvider clock, ILogger<EventIngestor> logger)
{
    public async Task<IngestStatus> AcceptAsync(InboundEvent inbound, EventType type, string channel, string sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(type);
        var source = inbound.Source!;
        var id = inbound.Id!;
        var messageId = DeterministicId.ForEvent(source, id);
        var fingerprint = EventFingerprint.Of(type.Type, inbound.Data);
        var marker = $"ingest:seen:{messageId:N}";
        switch (await SeenAsync(marker))
        {
            case { } seen when seen == fingerprint:
                return IngestStatus.Duplicate;
            case { Length: 64 }:
                return IngestStatus.Conflict;
        }

        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO received_events (message_id, source, event_id, type, channel, sender, content_hash, status, received_at)
            VALUES ({messageId}, {source}, {id}, {type.Type}, {channel}, {sender}, {fingerprint}, {ReceivedEventStatus.Received}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            var earlier = await db.ReceivedEvents.AsNoTracking().Where(r => r.MessageId == messageId)
                .Select(r => new { r.PublishedAt, r.ContentHash }).FirstAsync(cancellationToken);
            // Records from before fingerprints were kept (null) are taken as the same event.
            if (earlier.ContentHash is not null && earlier.ContentHash != fingerprint)
            {
                LogConflict(logger, type.Type, channel, messageId);
                return IngestStatus.Conflict;
            }
            if (earlier.PublishedAt is not null)
            {
                await MarkAsync(marker, fingerprint);
                return IngestStatus.Duplicate;
            }
            // Recorded by an earlier attempt that never got its confirm: publish again, same message id.
        }

        var command = type.ToCommand(inbound.Data, new IngestedEvent(source, id, messageId)) with
        {
            EventId = messageId,
            Origin = new IngestOrigin(sender, source, id, type.Type),
        };
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.PublishTimeoutSeconds));
            try
            {
                await bus.Publish(command, command.GetType(), Pipe.Execute<PublishContext>(context => context.MessageId = messageId), timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, type.Type, ex.Message);
                throw new BrokerUnavailableException("RabbitMQ did not confirm the publish; send the event again.", ex);
            }
        }

        // The owning service may already have answered (applied or refused): only a plain "received" becomes "sent".
        var now = clock.GetUtcNow();
        await db.ReceivedEvents.Where(r => r.MessageId == messageId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.PublishedAt, now)
                .SetProperty(r => r.Status, r => r.Status == ReceivedEventStatus.Received ? ReceivedEventStatus.Sent : r.Status), cancellationToken);
        await MarkAsync(marker, fingerprint);
        LogAccepted(logger, type.Type, channel, messageId);
        return IngestStatus.Accepted;
    }

    /// <summary>
    /// The events whose source and id were accepted before with other content: checked for a whole batch before any
    /// event is sent, so a conflicting batch sends nothing.
    /// </summary>
    public async Task<IReadOnlyList<InboundEvent>> ConflictingAsync(IReadOnlyList<(InboundEvent Event, EventType Type)> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var byMessageId = events.GroupBy(e => DeterministicId.ForEvent(e.Event.Source!, e.Event.Id!))
            .ToDictionary(g => g.Key, g => g.ToList());
        var ids = byMessageId.Keys.ToList();
        var earlier = await db.ReceivedEvents.AsNoTracking().Where(r => ids.Contains(r.MessageId) && r.ContentHash != null)
            .Select(r => new { r.MessageId, r.ContentHash }).ToListAsync(cancellationToken);
        var conflicting = earlier
            .SelectMany(r => byMessageId[r.MessageId].Where(e => EventFingerprint.Of(e.Type.Type, e.Event.Data) != r.ContentHash))
            .Select(e => e.Event);
        // Two events of one batch under one id with different content conflict with each other.
        var withinBatch = byMessageId.Values.Where(g => g.Select(e => EventFingerprint.Of(e.Type.Type, e.Event.Data)).Distinct().Count() > 1)
            .SelectMany(g => g.Skip(1)).Select(e => e.Event);
        return conflicting.Concat(withinBatch).Distinct().OrderBy(e => e.Index).ToList();
    }

    private async Task<string?> SeenAsync(string marker)
    {
        try
        {
            return await redis.GetDatabase().StringGetAsync(marker);
        }
        catch (RedisException)
        {
            return null; // the database still de-duplicates
        }
    }

    private async Task MarkAsync(string marker, string fingerprint)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(marker, fingerprint, TimeSpan.FromDays(options.Value.DuplicateWindowDays), When.NotExists);
        }
        catch (RedisException)
        {
            // The durable record answers instead.
        }
    }

    // Only the type, channel and message id are logged: event data can hold case references.
    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted {EventType} from {Channel} as message {MessageId}")]
    private static partial void LogAccepted(ILogger logger, string eventType, string channel, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {EventType} from {Channel}: message {MessageId} was accepted before with other content")]
    private static partial void LogConflict(ILogger logger, string eventType, string channel, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {EventType} failed: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, string reason);
}
