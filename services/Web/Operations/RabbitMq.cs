using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Platform.Web.Operations;

/// <summary>
/// <c>RabbitMq</c> settings: the management API (<c>RabbitMq__ManagementUri</c>, e.g. <c>http://user:password@host:15672</c>)
/// for the queue list; parked messages are read and re-driven over AMQP (<c>ConnectionStrings__messaging</c>).
/// </summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public Uri? ManagementUri { get; set; }

    /// <summary>The management API's user and password when the URI carries none (Kubernetes: from the messaging Secret).</summary>
    public string? ManagementUser { get; set; }

    public string? ManagementPassword { get; set; }

    /// <summary>The virtual host the platform's queues live in.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>How many parked messages of one queue the page lists.</summary>
    public int MaxParkedPerQueue { get; set; } = 50;
}

public sealed record QueueInfo(string Name, long Messages, long Ready, long Unacknowledged, int Consumers, double PublishRate, double DeliverRate)
{
    /// <summary>Where failed messages are parked: MassTransit's <c>_error</c> queues and Ingest's <c>platform.ingest.errors</c>.</summary>
    public bool IsError => IsRedrivable || Name.EndsWith(".errors", StringComparison.Ordinal);

    /// <summary>A MassTransit error queue: its messages go back to the queue they came from.</summary>
    public bool IsRedrivable => Name.EndsWith(ParkedMessages.ErrorSuffix, StringComparison.Ordinal);

    public bool IsSkipped => Name.EndsWith("_skipped", StringComparison.Ordinal);

    /// <summary>What an operator must look at, or null: messages nobody will take, a backlog growing, or messages parked.</summary>
    public string? Attention => this switch
    {
        { IsError: true, Messages: > 0 } => "Messages parked",
        { IsSkipped: true, Messages: > 0 } => "Messages skipped: no consumer for their type",
        { Messages: > 0, Consumers: 0 } => "Messages waiting with no consumer",
        { Messages: > 0 } when PublishRate > DeliverRate => "Backlog growing",
        _ => null,
    };
}

/// <summary>The queue list from the RabbitMQ management API (<c>GET /api/queues/{vhost}</c>).</summary>
public sealed class RabbitMqManagement(HttpClient http, IOptions<RabbitMqOptions> options)
{
    public bool IsConfigured => options.Value.ManagementUri is not null;

    public async Task<IReadOnlyList<QueueInfo>> QueuesAsync(CancellationToken cancellationToken)
    {
        var management = options.Value.ManagementUri ?? throw new InvalidOperationException("RabbitMq:ManagementUri is not configured.");
        var vhost = Uri.EscapeDataString(options.Value.VirtualHost);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(management, $"/api/queues/{vhost}?columns=name,messages,messages_ready,messages_unacknowledged,consumers,message_stats"));
        var credentials = management.UserInfo.Length > 0
            ? Uri.UnescapeDataString(management.UserInfo)
            : options.Value.ManagementUser is { Length: > 0 } user ? $"{user}:{options.Value.ManagementPassword}" : null;
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var queues = await JsonSerializer.DeserializeAsync<List<QueueDto>>(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken) ?? [];
        return queues
            .Select(q => new QueueInfo(q.Name, q.Messages ?? 0, q.Ready ?? 0, q.Unacknowledged ?? 0, q.Consumers ?? 0,
                q.Stats?.PublishDetails?.Rate ?? 0, q.Stats?.DeliverGetDetails?.Rate ?? 0))
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record QueueDto(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages")] long? Messages,
        [property: JsonPropertyName("messages_ready")] long? Ready,
        [property: JsonPropertyName("messages_unacknowledged")] long? Unacknowledged,
        [property: JsonPropertyName("consumers")] int? Consumers,
        [property: JsonPropertyName("message_stats")] StatsDto? Stats);

    private sealed record StatsDto(
        [property: JsonPropertyName("publish_details")] RateDto? PublishDetails,
        [property: JsonPropertyName("deliver_get_details")] RateDto? DeliverGetDetails);

    private sealed record RateDto([property: JsonPropertyName("rate")] double Rate);
}

/// <summary>A message MassTransit parked in an <c>_error</c> queue after its retries, with why and when.</summary>
public sealed record ParkedMessage(string Queue, string MessageId, string MessageType, string Reason, string? ExceptionType, DateTimeOffset? FaultedAt);

/// <summary>
/// Reads the messages parked in error queues (MassTransit's <c>_error</c>, Ingest's <c>platform.ingest.errors</c>) and
/// re-drives those of <c>_error</c> queues to their original queue (the name without
/// <c>_error</c>, the queue MassTransit's <c>MT-Fault-InputAddress</c> names), over AMQP with publisher confirms: a
/// message leaves the error queue only after the broker has taken its copy. Messages are read without acknowledgement
/// and put back when the channel closes, so listing changes nothing.
/// </summary>
public sealed partial class ParkedMessages(IConfiguration configuration, IOptions<RabbitMqOptions> options, ILogger<ParkedMessages> audit)
{
    public const string ErrorSuffix = "_error";

    private static readonly string[] FaultHeaders = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    public async Task<IReadOnlyList<ParkedMessage>> ListAsync(string errorQueue, CancellationToken cancellationToken)
    {
        if (!new QueueInfo(errorQueue, 0, 0, 0, 0, 0, 0).IsError) throw new ArgumentException($"'{errorQueue}' is not an error queue.", nameof(errorQueue));
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var parked = new List<ParkedMessage>();
        for (var i = 0; i < options.Value.MaxParkedPerQueue; i++)
        {
            var message = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken);
            if (message is null) break;
            parked.Add(Describe(errorQueue, message));
        }
        return parked;
    }

    /// <summary>Moves one parked message (by message id), or all of them when <paramref name="messageId"/> is null; returns how many.</summary>
    public async Task<int> RedriveAsync(string errorQueue, string? messageId, string operatorSubject, CancellationToken cancellationToken)
    {
        RequireErrorQueue(errorQueue);
        var target = errorQueue[..^ErrorSuffix.Length];
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var count = (await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken)).MessageCount;
        var moved = 0;
        for (var i = 0; i < count; i++)
        {
            var message = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken);
            if (message is null) break;
            if (messageId is not null && message.BasicProperties.MessageId != messageId) continue; // put back when the channel closes
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = message.BasicProperties.Headers?
                    .Where(h => !FaultHeaders.Any(prefix => h.Key.StartsWith(prefix, StringComparison.Ordinal)))
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            await channel.BasicPublishAsync("", target, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }
        // The audit record: who re-drove what, and when (the web app has no database; see docs/web.md).
        LogRedrive(audit, operatorSubject, moved, errorQueue, target, messageId ?? "all");
        return moved;
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
        Message = "AUDIT re-drive: {Subject} moved {Count} message(s) from {ErrorQueue} to {Queue} (message id {MessageId})")]
    private static partial void LogRedrive(ILogger logger, string subject, int count, string errorQueue, string queue, string messageId);

    private static void RequireErrorQueue(string queue)
    {
        if (!queue.EndsWith(ErrorSuffix, StringComparison.Ordinal) || queue.Length <= ErrorSuffix.Length)
        {
            throw new ArgumentException($"'{queue}' is not an error queue.", nameof(queue));
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var broker = new Uri(configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("Connection string 'messaging' is missing."));
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "web-operations" };
        if (broker.AbsolutePath.Trim('/').Length == 0) factory.VirtualHost = options.Value.VirtualHost;
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    private static ParkedMessage Describe(string queue, BasicGetResult message)
    {
        var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
        string? Header(string name) => headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => value.ToString(),
        } : null;
        // MassTransit's fault headers, or Ingest's reason for refusing a departmental event.
        var reason = Header("MT-Fault-Message") ?? Header("MT-Reason") ?? Header("x-ingest-error") ?? "unknown";
        DateTimeOffset? at = DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return new ParkedMessage(queue, message.BasicProperties.MessageId ?? Header("ce-id") ?? "",
            MessageType(message.Body.Span, Header("MT-MessageType") ?? Header("ce-type") ?? message.BasicProperties.Type),
            reason, Header("MT-Fault-ExceptionType"), at);
    }

    /// <summary>The contract name from the MassTransit envelope (<c>messageType: ["urn:message:Ns:Type"]</c>).</summary>
    private static string MessageType(ReadOnlySpan<byte> body, string? header)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
            {
                return (types[0].GetString() ?? "").Replace("urn:message:", "", StringComparison.Ordinal).Replace(':', '.');
            }
        }
        catch (JsonException)
        {
            // Not a MassTransit envelope: an unreadable message.
        }
        return header ?? "unreadable message";
    }
}
