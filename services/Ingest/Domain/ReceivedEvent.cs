namespace Platform.Ingest.Domain;

/// <summary>Where an accepted event has got to (<c>GET /events/{source}/{id}</c>).</summary>
public static class ReceivedEventStatus
{
    /// <summary>Recorded; RabbitMQ has not (yet) confirmed the publish to the owning service.</summary>
    public const string Received = "received";

    /// <summary>Published to the owning service, not yet applied.</summary>
    public const string Sent = "sent";

    /// <summary>The owning service applied it.</summary>
    public const string Applied = "applied";

    /// <summary>The owning service refused it (the reason says why); it waits in that service's _error queue.</summary>
    public const string Refused = "refused";

    public static readonly IReadOnlyList<string> All = [Received, Sent, Applied, Refused];
}

/// <summary>
/// The durable record of an accepted event (source + id, unique; a source belongs to one sender, so only its sender
/// can use an id): written before the publish, marked sent once RabbitMQ confirmed it, then applied or refused when the
/// owning service says so. A record never marked sent (the process stopped in between) is published again on the next
/// delivery of the event, with the same message id, so the owning service's inbox still applies it once.
/// </summary>
public sealed class ReceivedEvent
{
    public const int MaxReasonLength = 1000;

    public Guid MessageId { get; set; }

    public string Source { get; set; } = "";

    public string EventId { get; set; } = "";

    public string Type { get; set; } = "";

    /// <summary>The API key it came with (over HTTP), or <c>amqp</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The authenticated sender: <c>key:&lt;id&gt;</c> or <c>amqp:&lt;broker user&gt;</c>.</summary>
    public string? Sender { get; set; }

    /// <summary>SHA-256 of the type and the canonical data: the same id with other content is a conflict, not a duplicate.</summary>
    public string? ContentHash { get; set; }

    public string Status { get; set; } = ReceivedEventStatus.Received;

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The owning service that applied or refused it.</summary>
    public string? OutcomeService { get; set; }

    /// <summary>The owning service's reason for a refusal.</summary>
    public string? OutcomeReason { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }
}
