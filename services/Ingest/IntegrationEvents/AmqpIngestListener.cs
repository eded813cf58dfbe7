using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Ingest.Domain;
using Platform.Ingest.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Ingest.IntegrationEvents;

/// <summary>
/// AMQP ingest for systems that publish to RabbitMQ directly, with any AMQP client (no MassTransit envelope): a durable
/// topic exchange (<c>platform.ingest</c>) whose messages reach the durable queue <c>platform.ingest.events</c>. The body is
/// the event's data as plain JSON; the event type is the AMQP <c>type</c> property (or a <c>ce-type</c> header), the id the
/// <c>message_id</c> property (or <c>ce-id</c>), the source a <c>ce-source</c> header (or the <c>app_id</c> property).
/// Each message is validated, de-duplicated and sent on exactly like an HTTP event. A message that is invalid is moved,
/// unchanged, to <c>platform.ingest.errors</c> with the reason in its <c>x-ingest-error</c> header (never lost); a
/// message that fails for a passing reason (database or broker unavailable) is returned to the queue and tried again.
/// </summary>
public sealed partial class AmqpIngestListener(
    IConfiguration configuration, IServiceScopeFactory scopes, EventCatalogue catalogue, IOptions<IngestOptions> options, ILogger<AmqpIngestListener> logger)
    : BackgroundService
{
    public const string ErrorHeader = "x-ingest-error";

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

        var channel = await _connection.CreateChannelAsync(
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
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, string errorQueue, CancellationToken stoppingToken)
    {
        var inbound = Read(delivery);
        try
        {
            if (inbound.Validate(catalogue) is { } type && inbound.ValidateData(type))
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EventIngestor>().AcceptAsync(inbound, type, "amqp", stoppingToken);
            }
            else
            {
                var reason = JsonSerializer.Serialize(inbound.Errors);
                var properties = new BasicProperties(delivery.BasicProperties)
                {
                    Headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
                    {
                        [ErrorHeader] = Encoding.UTF8.GetBytes(reason),
                    },
                };
                await channel.BasicPublishAsync("", errorQueue, mandatory: true, properties, delivery.Body, stoppingToken);
                LogRefused(logger, inbound.Type ?? "(no type)", string.Join(", ", inbound.Errors.Keys));
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Passing trouble (database, Redis, broker): back to the queue for another attempt, after a pause.
            LogRetry(logger, inbound.Type ?? "(no type)", ex.Message);
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken);
        }
    }

    private static InboundEvent Read(BasicDeliverEventArgs delivery)
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
            Source = Header(headers, "ce-source") ?? properties.AppId,
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ingest refused a {EventType} message (fields {Fields}); moved to the error queue")]
    private static partial void LogRefused(ILogger logger, string eventType, string fields);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ingest will retry a {EventType} message: {Reason}")]
    private static partial void LogRetry(ILogger logger, string eventType, string reason);
}
