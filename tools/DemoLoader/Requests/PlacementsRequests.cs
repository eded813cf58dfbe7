namespace Platform.Tools.DemoLoader.Requests;

// Request bodies of Placements' API (/api/placements/...), as the demo sends them.

internal sealed record Under18PopulationRequest(int CollectionYear, int Under18Population);

internal sealed record ComparatorRatesRequest(int CollectionYear, decimal EnglandRatePer10000, decimal? StatisticalNeighbourRatePer10000 = null);

internal sealed record FosterCarerRequest(string HouseholdReference, DateOnly ApprovedOn, int ApprovedPlaces, int AgeFrom, int AgeTo, bool IsInHouse);

internal sealed record SupportVisitRequest(DateOnly VisitedOn);

internal sealed record ExemptionRequest(DateOnly From, DateOnly To, int AdditionalPlaces);

internal sealed record DeregisterRequest(DateOnly DeregisteredOn, string Reason);

internal sealed record RegisterChildRequest(string ChildId, string Sex, DateOnly DateOfBirth, string Ethnicity, bool IsUasc);

/// <summary>A placement episode; without <see cref="WeeklyCost"/> the rate card prices it.</summary>
internal sealed record EpisodeRequest(
    DateOnly StartDate, string ReasonForNewEpisode, string LegalStatus, string CategoryOfNeed, string PlacementType, string PlacementProvider,
    string PostcodeDistrict, string HomePostcodeDistrict, Guid? FosterCarerId = null, string? Urn = null, decimal? WeeklyCost = null,
    string? ReasonForPlacementChange = null);

internal sealed record CeaseRequest(DateOnly EndDate, string ReasonEpisodeCeased);
