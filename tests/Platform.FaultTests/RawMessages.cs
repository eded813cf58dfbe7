using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.FaultTests;

/// <summary>
/// Messages written byte for byte as MassTransit puts them on the wire, so a test can republish the same id,
/// deliver the same bytes twice, or send something no serializer can read.
/// </summary>
public static class RawMessages
{
    public const string PostCreatedExchange = "Platform.Contracts.Workforce.V1:PostCreated";
    public const string FinancePostCreatedQueue = "finance-post-created";
    public const string EnvelopeContentType = "application/vnd.masstransit+json";

    private static readonly string[] PostCreatedMessageTypes =
        ["urn:message:Platform.Contracts.Workforce.V1:PostCreated", "urn:message:Platform.Contracts:IntegrationEvent"];

    /// <summary>A PostCreated envelope; <paramref name="annualCost"/> may be of the wrong type on purpose.</summary>
    public static byte[] PostCreated(Guid messageId, Guid postId, object annualCost) =>
        Encoding.UTF8.GetBytes(PostCreatedJson(messageId, postId, annualCost));

    public static string PostCreatedJson(Guid messageId, Guid postId, object annualCost) =>
        JsonSerializer.Serialize(new
        {
            messageId,
            conversationId = Guid.NewGuid(),
            messageType = PostCreatedMessageTypes,
            sentTime = DateTimeOffset.UtcNow,
            message = new
            {
                eventId = messageId,
                occurredAt = DateTimeOffset.UtcNow,
                postId,
                teamCode = "FAULT",
                jobRole = "social-worker",
                grade = "SW2",
                fte = 1m,
                annualCost,
                budgetLineCode = "social-work",
                effectiveFrom = "2019-04-01",
            },
        });

    public static async Task PublishAsync(IConnection connection, string exchange, string routingKey, Guid messageId, byte[] body)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties
        {
            MessageId = messageId.ToString(),
            ContentType = EnvelopeContentType,
            Persistent = true,
        };
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body);
    }

    /// <summary>Takes every message off a queue; returns each one's message id and headers as text.</summary>
    public static async Task<List<(string? MessageId, Dictionary<string, string> Headers)>> DrainAsync(IConnection connection, string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<(string?, Dictionary<string, string>)>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } result)
            {
                var headers = (result.BasicProperties.Headers ?? new Dictionary<string, object?>())
                    .ToDictionary(h => h.Key, h => h.Value switch
                    {
                        byte[] bytes => Encoding.UTF8.GetString(bytes),
                        null => "",
                        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
                    });
                messages.Add((result.BasicProperties.MessageId, headers));
            }
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The queue does not exist: nothing was parked there.
        }
        return messages;
    }
}
