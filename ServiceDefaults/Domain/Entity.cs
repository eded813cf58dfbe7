namespace Platform.ServiceDefaults.Domain;

/// <summary>
/// Something that happened to an entity, in the service's own words. Entities raise them; the service maps each to the
/// integration events other services hear (<see cref="Messaging.IIntegrationEventMapper"/>), so the domain knows
/// nothing of the message contracts.
/// </summary>
#pragma warning disable CA1040 // a marker: a domain event is any record the entity chooses to raise
public interface IDomainEvent;
#pragma warning restore CA1040

/// <summary>
/// An entity that raises domain events. They wait on the entity until its DbContext saves it, and are written to the
/// outbox by that save, in the order they were raised, so an event is published if and only if its change commits.
/// </summary>
public abstract class Entity
{
    // Across entities, so that events raised by several entities in one use case keep the order they were raised in.
    private static long s_raised;
    private List<RaisedDomainEvent>? _domainEvents;

    protected void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        (_domainEvents ??= []).Add(new RaisedDomainEvent(Interlocked.Increment(ref s_raised), domainEvent));
    }

    /// <summary>The events raised since the last call, which forgets them (the save that writes them calls it).</summary>
    internal IReadOnlyList<RaisedDomainEvent> TakeDomainEvents()
    {
        if (_domainEvents is not { Count: > 0 } raised) return [];
        _domainEvents = null;
        return raised;
    }

    /// <summary>The events raised and not yet saved: for tests of the entity's behaviour.</summary>
    public IReadOnlyList<IDomainEvent> PendingDomainEvents => _domainEvents?.Select(e => e.Event).ToList() ?? [];
}

internal readonly record struct RaisedDomainEvent(long Order, IDomainEvent Event);
