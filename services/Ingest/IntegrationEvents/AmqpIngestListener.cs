using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Ingest.Application;
using Platform.Ingest.Domain;
using Platform.Ingest.Infrastructure;
using Platform.ServiceDefaults.Data;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Ingest.IntegrationEvents;

/// <summary>
/// AMQP ingest for systems that publish to RabbitMQ directly, with any AMQP client (no MassTransit envelope): a durable
/// topic exchange (<c>platform.ingest</c>) whose messages reach the durable queue <c>platform.ingest.events</c>. The body is
/// the event's data as plain JSON; the event type is the AMQP <c>type</c> property (or a <c>ce-type</c> header), the id the
/// <c>message_id</c> property (or <c>ce-id</c>), the source a <c>ce-source</c> header (or the <c>app_id</c> property).
/// The sender is the message's <c>user_id</c> property, which RabbitMQ checks against the connection's user: it must be
/// a broker user registered with a key (docs/ingest.md), and the event must be of that registration's source and types.
/// Each message is validated, de-duplicated and sent on exactly like an HTTP event. A message that is invalid is moved,
/// unchanged, to <c>platform.ingest.errors</c> with the reason in its <c>x-ingest-error</c> header (never lost); a
/// message that fails for a passing reason (database or broker unavailable) is returned to the queue and tried again.
/// </summary>
public sealed partial class AmqpIngestListener(
    IConfiguration configuration, IServiceScopeFactory scopes, EventCatalogue catalogue, IOptions<IngestOptions> options, ILogger<AmqpIngestListener> logger)
    : BackgroundService
{
    public const string ErrorHeader = "x-ingest-error";
    public const string SenderHeader = "x-ingest-broker-user";

    // The reason is read by operators in the management UI: no \u0027 for an apostrophe.
    private static readonly JsonSerializerOptions ReasonJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IConnection? _connection;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Amqp;
        if (!settings.Enabled) return;
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration.GetConnectionString("messaging")
                ?? throw new InvalidOperationException("Connection string 'messaging' is missing: set ConnectionStrings__messaging.")),
            ClientProvidedName = "ingest-amqp",
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
        };
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                _connection = await factory.CreateConnectionAsync(stoppingToken);
                break;
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or TimeoutException)
            {
                LogConnectFailed(logger, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt * 2, 30)), stoppingToken);
            }
        }
        if (_connection is null) return;

        var channel = await ConsumeAsync(_connection, settings, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                // The connection recovers its channels after a broker outage by itself; a channel the broker closed for an
                // error of its own (the connection still open) is not recovered, and ingest would stop: open a new one.
                if (channel.IsClosed && _connection.IsOpen)
                {
                    LogChannelReopened(logger, channel.CloseReason?.ReplyText ?? "unknown");
                    channel.Dispose();
                    channel = await ConsumeAsync(_connection, settings, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task<IChannel> ConsumeAsync(IConnection connection, IngestOptions.AmqpOptions settings, CancellationToken stoppingToken)
    {
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
        await channel.ExchangeDeclareAsync(settings.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: stoppingToken);
        await channel.QueueDeclareAsync(settings.Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stoppingToken);
        await channel.QueueBindAsync(settings.Queue, settings.Exchange, "#", cancellationToken: stoppingToken);
        await channel.QueueDeclareAsync(settings.ErrorQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stoppingToken);
        await channel.BasicQosAsync(0, settings.Prefetch, false, stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, settings.ErrorQueue, stoppingToken);
        await channel.BasicConsumeAsync(settings.Queue, autoAck: false, consumer, stoppingToken);
        LogListening(logger, settings.Exchange, settings.Queue);
        return channel;
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, string errorQueue, CancellationToken stoppingToken)
    {
        var brokerUser = delivery.BasicProperties.UserId;
        var typeName = Header(delivery.BasicProperties.Headers, "ce-type") ?? delivery.BasicProperties.Type ?? "(no type)";
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var refusal = await AcceptAsync(scope.ServiceProvider, delivery, brokerUser, stoppingToken);
            if (refusal is not null)
            {
                await ParkAsync(channel, delivery, errorQueue, refusal, brokerUser, stoppingToken);
                LogRefused(logger, typeName, brokerUser ?? "(none)", string.Join(", ", refusal.Keys));
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested && !IsPassing(ex))
        {
            // Not a passing trouble: the message itself cannot be accepted. Parked with the reason, never spun on.
            await ParkAsync(channel, delivery, errorQueue, Reason("event", $"The event could not be accepted ({ex.GetType().Name})."), brokerUser, stoppingToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
            LogRefused(logger, typeName, brokerUser ?? "(none)", ex.GetType().Name);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Passing trouble (database, Redis, broker): back to the queue for another attempt, after a pause.
            LogRetry(logger, typeName, ex.Message);
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken);
        }
    }

    /// <summary>
    /// Accepts the message as the event of the registration whose broker user sent it; null when accepted (or a duplicate),
    /// else the reasons to park it with. The sender is the message's <c>user_id</c>, which RabbitMQ has checked against the
    /// connection's user; the event's source, if given, must be that registration's source, and its type one of its types.
    /// </summary>
    private async Task<Dictionary<string, List<string>>?> AcceptAsync(IServiceProvider services, BasicDeliverEventArgs delivery, string? brokerUser,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(brokerUser))
        {
            return Reason("user_id", "Set the user_id property to the RabbitMQ user you connect as: RabbitMQ verifies it, and Ingest takes the sender from it.");
        }
        var db = services.GetRequiredService<IngestDbContext>();
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.BrokerUser == brokerUser && k.RevokedAt == null, cancellationToken);
        if (key is null)
        {
            return Reason("user_id", $"RabbitMQ user '{brokerUser}' is not registered to send events (a platform-admin registers it with POST /api/ingest/keys, brokerUser).");
        }

        var inbound = Read(delivery, key.Source);
        if (catalogue.Validate(inbound) is not { } type) return inbound.Errors;
        if (!string.Equals(inbound.Source, key.Source, StringComparison.Ordinal))
        {
            return Reason("source", $"RabbitMQ user '{brokerUser}' may only send events with source '{key.Source}'.");
        }
        if (!key.Allows(key.Source, type.Type))
        {
            return Reason("type", $"RabbitMQ user '{brokerUser}' may not send type '{type.Type}'.");
        }
        if (!inbound.ValidateData(type.Schema)) return inbound.Errors;

        var status = await services.GetRequiredService<EventIngestor>().AcceptAsync(inbound, type, "amqp", key.SenderOverAmqp, cancellationToken);
        return status == IngestStatus.Conflict
            ? Reason("id", "This source already sent an event with this id and a different type or data; the first stands. Send a correction under a new id.")
            : null;
    }

    /// <summary>Moves the message, unchanged, to the error queue with the reason and the sender in headers.</summary>
    private static async Task ParkAsync(IChannel channel, BasicDeliverEventArgs delivery, string errorQueue, Dictionary<string, List<string>> reason,
        string? brokerUser, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties(delivery.BasicProperties)
        {
            // RabbitMQ refuses a publish whose user_id is not the publisher's: the sender moves to a header.
            UserId = null,
            Headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
            {
                [ErrorHeader] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(reason, ReasonJson)),
                [SenderHeader] = brokerUser is null ? null : Encoding.UTF8.GetBytes(brokerUser),
            },
        };
        await channel.BasicPublishAsync("", errorQueue, mandatory: true, properties, delivery.Body, cancellationToken);
    }

    private static bool IsPassing(Exception exception) =>
        exception is BrokerUnavailableException or OperationCanceledException || TransientFailures.IsTransient(exception);

    private static Dictionary<string, List<string>> Reason(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    private static InboundEvent Read(BasicDeliverEventArgs delivery, string senderSource)
    {
        var properties = delivery.BasicProperties;
        var headers = properties.Headers;
        JsonElement data = default;
        string? bodyProblem = null;
        try
        {
            using var document = JsonDocument.Parse(delivery.Body);
            data = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            bodyProblem = $"The body is not valid JSON: {ex.Message}";
        }
        var inbound = new InboundEvent
        {
            SpecVersion = Header(headers, "ce-specversion") ?? "1.0",
            Id = Header(headers, "ce-id") ?? properties.MessageId,
            // The source may be left out: the sender's registration names it.
            Source = Header(headers, "ce-source") ?? properties.AppId ?? senderSource,
            Type = Header(headers, "ce-type") ?? properties.Type,
            Time = Header(headers, "ce-time"),
            DataContentType = properties.ContentType,
            Data = data,
        };
        if (bodyProblem is not null) inbound.Add("data", bodyProblem);
        return inbound;
    }

    private static string? Header(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_connection is not null)
        {
            // The broker may have closed it already (a restart, a deleted virtual host): stopping must not fail for that.
            if (_connection.IsOpen)
            {
                try { await _connection.CloseAsync(cancellationToken); }
                catch (RabbitMQ.Client.Exceptions.AlreadyClosedException) { /* closed meanwhile */ }
            }
            _connection.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ingest cannot reach RabbitMQ (attempt {Attempt}): {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP ingest consuming exchange {Exchange} through queue {Queue}")]
    private static partial void LogListening(ILogger logger, string exchange, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ingest refused a {EventType} message from broker user {BrokerUser} (fields {Fields}); moved to the error queue")]
    private static partial void LogRefused(ILogger logger, string eventType, string brokerUser, string fields);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ingest's channel was closed by the broker ({Reason}); consuming on a new one")]
    private static partial void LogChannelReopened(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ingest will retry a {EventType} message: {Reason}")]
    private static partial void LogRetry(ILogger logger, string eventType, string reason);
}
