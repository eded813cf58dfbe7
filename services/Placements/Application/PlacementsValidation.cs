using System.ComponentModel.DataAnnotations;
using Platform.Placements.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Placements.Application;

// The shape rules of Placements' fields, declared once here and put on its request records and query parameters; the
// bounds and code lists are the domain's (903 codes, household references, costs, rates). The SSDA903 file content has
// its own rules (Ssda903*).

/// <summary>A date Placements accepts: 1 April 2000 to 31 March 2100.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlacementDateAttribute() : DateBetweenAttribute(new(2000, 4, 1), new(2100, 3, 31));

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
public sealed class ChildIdAttribute() : TextRuleAttribute(Child.MaxChildIdLength, $"Must be 1 to {Child.MaxChildIdLength} letters or digits.")
{
    protected override bool Follows(string text) => Child.IsValidChildId(text);
}

/// <summary>A foster carer household's reference (trimmed, upper-cased): <see cref="FosterCarer.ReferenceRule"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class HouseholdReferenceAttribute() : TextRuleAttribute(FosterCarer.MaxReferenceLength, FosterCarer.ReferenceRule)
{
    protected override string Normalise(string text) => text.Trim().ToUpperInvariant();

    protected override bool Follows(string text) => FosterCarer.IsValidReference(text);
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
