namespace Platform.Ingest.Domain;

/// <summary>
/// The durable record of an accepted event (source + id, unique): written before the publish, marked published once
/// RabbitMQ confirmed it. A record never marked published (the process stopped in between) is published again on the
/// next delivery of the event, with the same message id, so the owning service's inbox still applies it once.
/// </summary>
public sealed class ReceivedEvent
{
    public Guid MessageId { get; set; }

    public string Source { get; set; } = "";

    public string EventId { get; set; } = "";

    public string Type { get; set; } = "";

    /// <summary>The API key it came with, or <c>amqp</c>.</summary>
    public string Channel { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}
