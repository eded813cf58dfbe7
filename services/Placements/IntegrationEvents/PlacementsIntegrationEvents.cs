using Platform.Contracts;
using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Placements.IntegrationEvents;

/// <summary>
/// Placements' domain events as the messages other services hear, in one place: every save writes these to the
/// outbox in its own transaction. (The care population after a change, a figure computed by a query, and an imported
/// 903 return's events, built set-wise from the imported rows, are added by their use cases.)
/// </summary>
public sealed class PlacementsIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(IDomainEvent domainEvent) => domainEvent switch
    {
        PlacementStartedDomainEvent { Episode: var e } started => started.StartsPeriodOfCare
            ? [Started(e), new ChildBecameLookedAfter(e.ChildId, e.StartDate, e.LegalStatus, e.CategoryOfNeed, started.IsUasc)]
            : [Started(e)],
        PlacementEndedDomainEvent { Episode: var e } => e.ReasonEpisodeCeased == CodeLists.NewEpisodeSameDay
            ? [Ended(e)]
            : [Ended(e), new EpisodeCeased(e.Id, e.ChildId, e.EndDate!.Value, e.ReasonEpisodeCeased!)],
        PlacementCostChangedDomainEvent { Episode: var e } changed => [new PlacementChanged(e.Id, e.ChildId, e.PlacementType, e.PlacementProvider,
            e.WeeklyCost, changed.EffectiveFrom, e.FosterCarerId)],
        FosterCarerApprovedDomainEvent { Carer: var c } => [new FosterCarerApproved(c.Id, c.IsInHouse, c.ApprovedOn, c.ApprovedPlaces, c.AgeFrom, c.AgeTo)],
        FosterCarerDeregisteredDomainEvent { Carer: var c } => [new FosterCarerDeregistered(c.Id, c.DeregisteredOn!.Value, c.DeregistrationReason!)],
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "Placements raises no such domain event."),
    };

    private static PlacementStarted Started(Episode e) =>
        new(e.Id, e.ChildId, e.StartDate, e.ReasonForNewEpisode, e.LegalStatus, e.PlacementType, e.PlacementProvider, e.WeeklyCost, e.FosterCarerId);

    private static PlacementEnded Ended(Episode e) =>
        new(e.Id, e.ChildId, e.EndDate!.Value, e.ReasonEpisodeCeased!, e.ReasonForPlacementChange, e.FosterCarerId);
}
