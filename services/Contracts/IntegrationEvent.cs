namespace Platform.Contracts;

/// <summary>
/// Base of every integration event. <see cref="EventId"/> becomes the broker message id, so a consumer's
/// inbox recognises a redelivered or republished event and applies it once.
/// </summary>
/// <remarks>
/// Contracts are versioned by namespace: a breaking change adds a new type in a <c>V2</c> namespace and
/// producers publish both until every consumer has moved. Additive, optional properties are not breaking.
/// </remarks>
public abstract record IntegrationEvent
{
    /// <summary>Unique id of this event; the message id on the broker.</summary>
    public Guid EventId { get; init; } = Guid.NewGuid();

    /// <summary>When the change that raised the event was committed by its producer.</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
