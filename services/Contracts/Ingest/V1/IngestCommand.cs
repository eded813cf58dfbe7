namespace Platform.Contracts.Ingest.V1;

/// <summary>
/// Who sent an ingested event, as Ingest authenticated it: <paramref name="Sender"/> is <c>key:&lt;key id&gt;</c> (HTTP)
/// or <c>amqp:&lt;broker user&gt;</c> (the broker-validated <c>user_id</c>), never a value the sender chose.
/// The owning service audits the change under this sender, with the event's source and id.
/// </summary>
public sealed record IngestOrigin(string Sender, string Source, string EventId, string EventType);

/// <summary>
/// Base of every command Ingest sends to an owning service. <see cref="IntegrationEvent.EventId"/> is derived from the
/// event's source and id, so a republished command is applied once.
/// </summary>
public abstract record IngestCommand : IntegrationEvent
{
    /// <summary>The authenticated sender and the event it came from (null only on commands sent before senders were recorded).</summary>
    public IngestOrigin? Origin { get; init; }
}

/// <summary>
/// An owning service applied an ingested command: published through its outbox in the transaction that applied it, so
/// Ingest can answer "applied" to <c>GET /events/{source}/{id}</c>. A refusal reaches Ingest as MassTransit's
/// <c>Fault&lt;T&gt;</c> of the command, with the reason.
/// </summary>
public sealed record IngestCommandApplied(Guid CommandId, string Service) : IntegrationEvent;
