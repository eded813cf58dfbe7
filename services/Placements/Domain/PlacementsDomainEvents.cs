using Platform.ServiceDefaults.Domain;

namespace Platform.Placements.Domain;

// What happens to children's placements and foster carers, raised by the entity it happens to.
// IntegrationEvents/PlacementsIntegrationEvents maps each to the message other services hear. An episode's fields do
// not change again within the use case that raised the event, so the events name the episode itself.

/// <summary>A placement began: a new episode (for a child who <paramref name="StartsPeriodOfCare"/>, of a new period of care).</summary>
public sealed record PlacementStartedDomainEvent(Episode Episode, bool StartsPeriodOfCare, bool IsUasc) : IDomainEvent;

/// <summary>A placement ended: with REC X1 a new episode follows the same day; otherwise the period of care ended.</summary>
public sealed record PlacementEndedDomainEvent(Episode Episode) : IDomainEvent;

/// <summary>An open placement's weekly cost changed from <paramref name="EffectiveFrom"/>.</summary>
public sealed record PlacementCostChangedDomainEvent(Episode Episode, DateOnly EffectiveFrom) : IDomainEvent;

public sealed record FosterCarerApprovedDomainEvent(FosterCarer Carer) : IDomainEvent;

public sealed record FosterCarerDeregisteredDomainEvent(FosterCarer Carer) : IDomainEvent;
