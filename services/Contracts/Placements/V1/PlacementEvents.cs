namespace Platform.Contracts.Placements.V1;

/// <summary>
/// A placement episode started. Carries the pseudonymous 903 child id only, never a name.
/// Finance commits <see cref="WeeklyCost"/> from <see cref="StartDate"/>; Inspections counts the care population.
/// </summary>
/// <param name="EpisodeId">Placements' id of the episode.</param>
/// <param name="ChildId">The council's pseudonymous child identifier (903 CHILD).</param>
/// <param name="StartDate">DECOM: date the episode commenced.</param>
/// <param name="ReasonForNewEpisode">RNE code; <c>S</c> means the child started to be looked after.</param>
/// <param name="LegalStatus">LS code.</param>
/// <param name="PlacementType">PLACE code.</param>
/// <param name="PlacementProvider">PLACE_PROVIDER code, absent for temporary and "other" placements.</param>
/// <param name="WeeklyCost">Weekly cost of the placement in pounds.</param>
public sealed record PlacementStarted(
    Guid EpisodeId,
    string ChildId,
    DateOnly StartDate,
    string ReasonForNewEpisode,
    string LegalStatus,
    string PlacementType,
    string? PlacementProvider,
    decimal WeeklyCost) : IntegrationEvent;
