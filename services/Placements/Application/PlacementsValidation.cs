using System.ComponentModel.DataAnnotations;
using Platform.Placements.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Placements.Application;

// The shape rules of Placements' fields, declared once here and put on its request records and query parameters; the
// bounds and code lists are the domain's (903 codes, household references, costs, rates). The SSDA903 file content has
// its own rules (Ssda903*).

/// <summary>The dates Placements accepts: 1 April 2000 to 31 March 2100.</summary>
public static class PlacementDates
{
    public static readonly DateOnly Earliest = new(2000, 4, 1);
    public static readonly DateOnly Latest = new(2100, 3, 31);
}

/// <summary>A date Placements accepts (<see cref="PlacementDates"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlacementDateAttribute() : DateBetweenAttribute(PlacementDates.Earliest, PlacementDates.Latest);

/// <summary>A collection year reference data can be held for (the April it starts).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CollectionYearAttribute() : BetweenAttribute(SetUnder18Population.EarliestYear, SetUnder18Population.LatestYear);

/// <summary>A weekly cost or rate: £0 to <see cref="Episode.MaxWeeklyCost"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WeeklyCostAttribute() : BetweenAttribute(0, (double)Episode.MaxWeeklyCost);

/// <summary>A rate per 10,000 children: 0 to <see cref="PopulationReference.MaxRate"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RatePer10000Attribute() : BetweenAttribute(0, (double)PopulationReference.MaxRate);

/// <summary>The code lists a Placements field takes its value from.</summary>
public enum PlacementCodeList
{
    Sex,
    Ethnicity,
    ReasonForNewEpisode,
    LegalStatus,
    CategoryOfNeed,
    PlacementType,
    PlacementProvider,
    ReasonEpisodeCeased,
    ReasonForPlacementChange,
    DeregistrationReason,
}

/// <summary>
/// A code of one of the domain's lists (<see cref="PlacementCodeList"/>), listed in order in the message. An optional
/// code sent blank is taken as absent when <see cref="OneOfAttribute.BlankIsAbsent"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlacementCodeAttribute(PlacementCodeList list) : OneOfAttribute(Codes(list))
{
    public PlacementCodeList List { get; } = list;

    private static string[] Codes(PlacementCodeList list) => (list switch
    {
        PlacementCodeList.Sex => (IEnumerable<string>)CodeLists.Sex,
        PlacementCodeList.Ethnicity => CodeLists.Ethnicity,
        PlacementCodeList.ReasonForNewEpisode => CodeLists.ReasonForNewEpisode,
        PlacementCodeList.LegalStatus => CodeLists.LegalStatus,
        PlacementCodeList.CategoryOfNeed => CodeLists.CategoryOfNeed,
        PlacementCodeList.PlacementType => CodeLists.PlacementType,
        PlacementCodeList.PlacementProvider => CodeLists.PlacementProvider,
        PlacementCodeList.ReasonEpisodeCeased => CodeLists.ReasonEpisodeCeased,
        PlacementCodeList.ReasonForPlacementChange => CodeLists.ReasonForPlacementChange,
        _ => FosterCarer.DeregistrationReasons,
    }).Order(StringComparer.Ordinal).ToArray();
}

/// <summary>A child's pseudonymous 903 id: 1 to <see cref="Child.MaxChildIdLength"/> letters or digits.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ChildIdAttribute : MaxLengthAttribute
{
    public ChildIdAttribute() : base(Child.MaxChildIdLength) { }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string id ? ValidationResult.Success
        : id.Length > Length ? new ValidationResult($"Must be at most {Length} characters.")
        : Child.IsValidChildId(id) ? ValidationResult.Success
        : new ValidationResult($"Must be 1 to {Length} letters or digits.");
}

/// <summary>A foster carer household's reference (trimmed, upper-cased): <see cref="FosterCarer.ReferenceRule"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class HouseholdReferenceAttribute : MaxLengthAttribute
{
    public HouseholdReferenceAttribute() : base(FosterCarer.MaxReferenceLength) { }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string text ? ValidationResult.Success
        : text.Trim().Length > Length ? new ValidationResult($"Must be at most {Length} characters.")
        : FosterCarer.IsValidReference(text.Trim().ToUpperInvariant()) ? ValidationResult.Success
        : new ValidationResult(FosterCarer.ReferenceRule);
}

/// <summary>Optional: the outward part of a postcode (trimmed, upper-cased), e.g. ST4; blank is taken as absent.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PostcodeDistrictAttribute : ValidationAttribute
{
    public PostcodeDistrictAttribute() => ErrorMessage = "Must be the outward part of a postcode, e.g. ST4.";

    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text) || Episode.IsValidPostcodeDistrict(text.Trim().ToUpperInvariant());
}

/// <summary>Optional: an Ofsted URN (trimmed, upper-cased), <see cref="Episode.UrnRule"/>; blank is taken as absent.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class UrnAttribute : ValidationAttribute
{
    public UrnAttribute() => ErrorMessage = Episode.UrnRule;

    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || Episode.IsValidUrn(text.Trim().ToUpperInvariant());
}
