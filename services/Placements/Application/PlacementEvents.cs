using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;

namespace Platform.Placements.Application;

/// <summary>
/// Placements' entities as the integration events other services hear, mapped in one place: the domain knows nothing
/// of the message contracts, so a contract can change version without touching an entity.
/// </summary>
public static class PlacementEvents
{
    public static PlacementStarted Started(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return new(episode.Id, episode.ChildId, episode.StartDate, episode.ReasonForNewEpisode, episode.LegalStatus, episode.PlacementType,
            episode.PlacementProvider, episode.WeeklyCost, episode.FosterCarerId);
    }

    public static PlacementEnded Ended(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return new(episode.Id, episode.ChildId, episode.EndDate!.Value, episode.ReasonEpisodeCeased!, episode.ReasonForPlacementChange, episode.FosterCarerId);
    }

    /// <summary>An open placement's weekly cost changed from <paramref name="effectiveFrom"/>.</summary>
    public static PlacementChanged CostChanged(Episode episode, DateOnly effectiveFrom)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return new(episode.Id, episode.ChildId, episode.PlacementType, episode.PlacementProvider, episode.WeeklyCost, effectiveFrom, episode.FosterCarerId);
    }

    public static FosterCarerApproved Approved(FosterCarer carer)
    {
        ArgumentNullException.ThrowIfNull(carer);
        return new(carer.Id, carer.IsInHouse, carer.ApprovedOn, carer.ApprovedPlaces, carer.AgeFrom, carer.AgeTo);
    }

    public static FosterCarerDeregistered Deregistered(FosterCarer carer)
    {
        ArgumentNullException.ThrowIfNull(carer);
        return new(carer.Id, carer.DeregisteredOn!.Value, carer.DeregistrationReason!);
    }
}
