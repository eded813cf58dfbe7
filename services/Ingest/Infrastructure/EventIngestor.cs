using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Ingest.Domain;
using StackExchange.Redis;

namespace Platform.Ingest.Infrastructure;

/// <summary>What became of a valid event.</summary>
public enum IngestStatus
{
    /// <summary>Published to the owning service (RabbitMQ confirmed it).</summary>
    Accepted,
    /// <summary>An event with the same source and id was accepted before; nothing was sent again.</summary>
    Duplicate,
}

/// <summary>RabbitMQ did not confirm a publish in time; the caller should send the event again (it stays de-duplicated).</summary>
public sealed class BrokerUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Accepts a validated event once: the Redis fast path, then the durable record in ingestdb, then the publish of the
/// owning service's command, awaited until RabbitMQ confirms it, then the record and Redis marked published. The
/// command's message id is derived from the event's source and id, so a publish repeated after a crash between the
/// confirm and the mark is applied once by the owning service's inbox. Shared by HTTP and AMQP ingest.
/// </summary>
public sealed partial class EventIngestor(
    IngestDbContext db, IBus bus, IConnectionMultiplexer redis, IOptions<IngestOptions> options, TimeProvider clock, ILogger<EventIngestor> logger)
{
    public async Task<IngestStatus> AcceptAsync(InboundEvent inbound, EventType type, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(type);
        var source = inbound.Source!;
        var id = inbound.Id!;
        var messageId = DeterministicId.ForEvent(source, id);
        var marker = $"ingest:seen:{messageId:N}";
        if (await SeenAsync(marker)) return IngestStatus.Duplicate;

        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO received_events (message_id, source, event_id, type, channel, received_at)
            VALUES ({messageId}, {source}, {id}, {type.Type}, {channel}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            var publishedAt = await db.ReceivedEvents.AsNoTracking().Where(r => r.MessageId == messageId)
                .Select(r => r.PublishedAt).FirstOrDefaultAsync(cancellationToken);
            if (publishedAt is not null)
            {
                await MarkAsync(marker);
                return IngestStatus.Duplicate;
            }
            // Recorded by an earlier attempt that never got its confirm: publish again, same message id.
        }

        var command = type.ToCommand(inbound.Data, new IngestedEvent(source, id, messageId));
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

        await db.ReceivedEvents.Where(r => r.MessageId == messageId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.PublishedAt, clock.GetUtcNow()), cancellationToken);
        await MarkAsync(marker);
        LogAccepted(logger, type.Type, channel, messageId);
        return IngestStatus.Accepted;
    }

    private async Task<bool> SeenAsync(string marker)
    {
        try
        {
            return await redis.GetDatabase().KeyExistsAsync(marker);
        }
        catch (RedisException)
        {
            return false; // the database still de-duplicates
        }
    }

    private async Task MarkAsync(string marker)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(marker, "published", TimeSpan.FromDays(options.Value.DuplicateWindowDays), When.NotExists);
        }
        catch (RedisException)
        {
            // The durable record answers instead.
        }
    }

    // Only the type, channel and message id are logged: event data can hold case references.
    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted {EventType} from {Channel} as message {MessageId}")]
    private static partial void LogAccepted(ILogger logger, string eventType, string channel, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {EventType} failed: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, string reason);
}
