namespace Platform.Contracts.Placements.V1;

// Placement events carry the pseudonymous 903 child id only, never a name, date of birth or postcode.
// Dates are business dates (903 DECOM/DEC), so consumers can answer "as at" questions for past dates.

/// <summary>
/// A placement episode started. Finance commits <see cref="WeeklyCost"/> from <see cref="StartDate"/> until
/// <see cref="PlacementEnded"/>; Inspections counts placements per child for stability.
/// </summary>
/// <param name="EpisodeId">Placements' id of the episode.</param>
/// <param name="ChildId">The council's pseudonymous child identifier (903 CHILD).</param>
/// <param name="StartDate">DECOM: date the episode commenced.</param>
/// <param name="ReasonForNewEpisode">RNE code; <c>S</c> means the child started to be looked after.</param>
/// <param name="LegalStatus">LS code.</param>
/// <param name="PlacementType">PLACE code.</param>
/// <param name="PlacementProvider">PLACE_PROVIDER code, absent for temporary and "other" placements.</param>
/// <param name="WeeklyCost">Weekly cost of the placement in pounds.</param>
/// <param name="FosterCarerId">The foster carer household, when the child is placed with one.</param>
public sealed record PlacementStarted(
    Guid EpisodeId,
    string ChildId,
    DateOnly StartDate,
    string ReasonForNewEpisode,
    string LegalStatus,
    string PlacementType,
    string? PlacementProvider,
    decimal WeeklyCost,
    Guid? FosterCarerId = null) : IntegrationEvent;

/// <summary>An open episode's cost or provider changed without a new episode (e.g. a rate-card override); Finance re-commits from <see cref="EffectiveFrom"/>.</summary>
public sealed record PlacementChanged(
    Guid EpisodeId,
    string ChildId,
    string PlacementType,
    string? PlacementProvider,
    decimal WeeklyCost,
    DateOnly EffectiveFrom,
    Guid? FosterCarerId = null) : IntegrationEvent;

/// <summary>An episode ended (DEC), because a new episode started or the child ceased to be looked after; its cost stops after <see cref="EndDate"/>.</summary>
/// <param name="ReasonEpisodeCeased">REC code (<c>X1</c>: episode ceased, child still looked after).</param>
/// <param name="ReasonForPlacementChange">REASON_PLACE_CHANGE code, when the placement changed.</param>
public sealed record PlacementEnded(
    Guid EpisodeId,
    string ChildId,
    DateOnly EndDate,
    string ReasonEpisodeCeased,
    string? ReasonForPlacementChange,
    Guid? FosterCarerId = null) : IntegrationEvent;

/// <summary>A child started to be looked after (first episode of a period of care, RNE <c>S</c>).</summary>
public sealed record ChildBecameLookedAfter(string ChildId, DateOnly StartDate, string LegalStatus, string CategoryOfNeed, bool IsUasc) : IntegrationEvent;

/// <summary>A child ceased to be looked after: the last episode of a period of care ended with a REC other than <c>X1</c>.</summary>
public sealed record EpisodeCeased(Guid EpisodeId, string ChildId, DateOnly EndDate, string ReasonEpisodeCeased) : IntegrationEvent;

/// <summary>A foster carer household was approved.</summary>
/// <param name="IsInHouse">True for the council's own fostering service, false for an independent fostering agency.</param>
/// <param name="ApprovedPlaces">Number of children the household is approved for.</param>
public sealed record FosterCarerApproved(Guid FosterCarerId, bool IsInHouse, DateOnly ApprovedOn, int ApprovedPlaces, int AgeFrom, int AgeTo) : IntegrationEvent;

/// <summary>A foster carer household was de-registered; its places leave the capacity from <see cref="DeregisteredOn"/>.</summary>
public sealed record FosterCarerDeregistered(Guid FosterCarerId, DateOnly DeregisteredOn, string Reason) : IntegrationEvent;

/// <summary>
/// The number of children looked after changed on <see cref="AsAt"/> (a start or a cease). Carries the rate per
/// 10,000 under-18s when the population is configured, and the comparators loaded as reference data.
/// </summary>
public sealed record CarePopulationChanged(
    DateOnly AsAt,
    int ChildrenLookedAfter,
    decimal? RatePer10000,
    decimal? EnglandRatePer10000,
    decimal? StatisticalNeighbourRatePer10000) : IntegrationEvent;
