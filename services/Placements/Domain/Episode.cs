using System.Text.RegularExpressions;
using Platform.ServiceDefaults.Domain;

namespace Platform.Placements.Domain;

/// <summary>
/// A 903 episode: a stretch of care with one legal status and one placement. A new episode starts when the child
/// starts to be looked after or their legal status or placement changes. An open episode has no end date.
/// </summary>
public sealed partial class Episode : Entity
{
    public const decimal MaxWeeklyCost = 20_000m;

    private Episode() { }

    /// <summary>Use <see cref="Child.StartEpisode"/>, which also keeps the child's episodes contiguous.</summary>
    internal Episode(Guid id, Child child, NewEpisode details, decimal weeklyCost, bool isCostOverride)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(details);
        if (!CodeLists.ReasonForNewEpisode.Contains(details.ReasonForNewEpisode))
        {
            throw DomainRuleException.ForField("reasonForNewEpisode", $"Unknown reason for new episode '{details.ReasonForNewEpisode}'.");
        }
        if (!CodeLists.LegalStatus.Contains(details.LegalStatus)) throw DomainRuleException.ForField("legalStatus", $"Unknown legal status '{details.LegalStatus}'.");
        if (!CodeLists.CategoryOfNeed.Contains(details.CategoryOfNeed)) throw DomainRuleException.ForField("categoryOfNeed", $"Unknown category of need '{details.CategoryOfNeed}'.");
        if (!CodeLists.PlacementType.Contains(details.PlacementType)) throw DomainRuleException.ForField("placementType", $"Unknown placement type '{details.PlacementType}'.");
        if (details.PlacementProvider is not null && !CodeLists.PlacementProvider.Contains(details.PlacementProvider))
        {
            throw DomainRuleException.ForField("placementProvider", $"Unknown placement provider '{details.PlacementProvider}'.");
        }
        if (details.PostcodeDistrict is not null && !IsValidPostcodeDistrict(details.PostcodeDistrict))
        {
            throw DomainRuleException.ForField("postcodeDistrict", "Must be the outward part of a postcode, e.g. ST4.");
        }
        if (details.HomePostcodeDistrict is not null && !IsValidPostcodeDistrict(details.HomePostcodeDistrict))
        {
            throw DomainRuleException.ForField("homePostcodeDistrict", "Must be the outward part of a postcode, e.g. ST4.");
        }
        if (details.Urn is not null && !IsValidUrn(details.Urn)) throw DomainRuleException.ForField("urn", UrnRule);
        if (details.FosterCarerId is not null && !CodeLists.FosterPlacements.Contains(details.PlacementType))
        {
            throw DomainRuleException.ForField("fosterCarerId", $"A foster carer can only be recorded for a foster placement (U1–U6), not {details.PlacementType}.");
        }
        if (weeklyCost is < 0 or > MaxWeeklyCost)
        {
            throw DomainRuleException.ForField("weeklyCost", $"Must be between 0 and {MaxWeeklyCost}.");
        }
        foreach (var violation in Ssda903Rules.Episode(details.ToFacts(), child.DateOfBirth))
        {
            throw DomainRuleException.ForField(Ssda903Rules.ApiField(violation.Field), $"{violation.Message} (903 rule {violation.Rule})");
        }

        Id = id;
        ChildId = child.ChildId;
        StartDate = details.StartDate;
        ReasonForNewEpisode = details.ReasonForNewEpisode;
        LegalStatus = details.LegalStatus;
        CategoryOfNeed = details.CategoryOfNeed;
        PlacementType = details.PlacementType;
        PlacementProvider = details.PlacementProvider;
        PostcodeDistrict = details.PostcodeDistrict;
        HomePostcodeDistrict = details.HomePostcodeDistrict;
        Urn = details.Urn;
        FosterCarerId = details.FosterCarerId;
        WeeklyCost = weeklyCost;
        IsCostOverride = isCostOverride;
        Raise(new PlacementStartedDomainEvent(this, ReasonForNewEpisode == CodeLists.StartedToBeLookedAfter, child.IsUasc));
    }

    public Guid Id { get; private set; }

    /// <summary>903 CHILD.</summary>
    public string ChildId { get; private set; } = "";

    /// <summary>903 DECOM.</summary>
    public DateOnly StartDate { get; private set; }

    /// <summary>903 RNE.</summary>
    public string ReasonForNewEpisode { get; private set; } = "";

    /// <summary>903 LS.</summary>
    public string LegalStatus { get; private set; } = "";

    /// <summary>903 CIN.</summary>
    public string CategoryOfNeed { get; private set; } = "";

    /// <summary>903 PLACE.</summary>
    public string PlacementType { get; private set; } = "";

    /// <summary>903 PLACE_PROVIDER; blank for temporary (T0–T4) and other (Z1) placements.</summary>
    public string? PlacementProvider { get; private set; }

    /// <summary>903 PL_POST as a postcode district (outward code) of the placement, e.g. ST4; never a full postcode.</summary>
    public string? PostcodeDistrict { get; private set; }

    /// <summary>903 HOME_POST as a postcode district (outward code) of the child's home; never a full postcode.</summary>
    public string? HomePostcodeDistrict { get; private set; }

    /// <summary>903 URN: Ofsted unique reference number of the placement, or XXXXXXX when not applicable.</summary>
    public string? Urn { get; private set; }

    /// <summary>903 HOME_POST in full, when a 903 return gave it (the DfE's return needs it; the district is derived from it).</summary>
    public string? HomePostcode { get; private set; }

    /// <summary>903 PL_POST in full, when a 903 return gave it.</summary>
    public string? PlacementPostcode { get; private set; }

    /// <summary>The foster carer household the child is placed with (foster placements only).</summary>
    public Guid? FosterCarerId { get; private set; }

    /// <summary>Weekly cost of the placement in pounds.</summary>
    public decimal WeeklyCost { get; private set; }

    /// <summary>True when the weekly cost was set for this placement rather than taken from the rate card.</summary>
    public bool IsCostOverride { get; private set; }

    /// <summary>903 DEC; null while the episode is open.</summary>
    public DateOnly? EndDate { get; private set; }

    /// <summary>903 REC; null while the episode is open.</summary>
    public string? ReasonEpisodeCeased { get; private set; }

    /// <summary>903 REASON_PLACE_CHANGE, recorded when the episode ended because the placement changed.</summary>
    public string? ReasonForPlacementChange { get; private set; }

    public bool IsOpen => EndDate is null;

    public const string UrnRule = "Must be an Ofsted URN (e.g. SC123456 or 1234567) or XXXXXXX when not applicable.";

    public static bool IsValidPostcodeDistrict(string? value) => value is not null && PostcodeDistrictPattern().IsMatch(value);

    public static bool IsValidUrn(string? value) => value is not null && UrnPattern().IsMatch(value);

    public EpisodeFacts ToFacts() =>
        new(StartDate, ReasonForNewEpisode, LegalStatus, PlacementType, PlacementProvider, EndDate, ReasonEpisodeCeased, ReasonForPlacementChange);

    /// <summary>Ends the episode (DEC, REC and, for a placement move, REASON_PLACE_CHANGE).</summary>
    internal void End(DateOnly endDate, string reasonEpisodeCeased, string? reasonForPlacementChange)
    {
        if (EndDate is not null) throw DomainRuleException.Conflict($"The episode already ended on {EndDate:yyyy-MM-dd}.");
        EndDate = endDate;
        ReasonEpisodeCeased = reasonEpisodeCeased;
        ReasonForPlacementChange = reasonForPlacementChange;
        Raise(new PlacementEndedDomainEvent(this));
    }

    /// <summary>Overrides the weekly cost of an open placement from a date.</summary>
    public void OverrideWeeklyCost(decimal weeklyCost, DateOnly effectiveFrom)
    {
        if (EndDate is not null) throw DomainRuleException.Conflict($"The episode ended on {EndDate:yyyy-MM-dd}; only an open placement's cost can change.");
        if (weeklyCost is < 0 or > MaxWeeklyCost) throw DomainRuleException.ForField("weeklyCost", $"Must be between 0 and {MaxWeeklyCost}.");
        if (effectiveFrom < StartDate) throw DomainRuleException.ForField("effectiveFrom", $"Must not be before the episode started ({StartDate:yyyy-MM-dd}).");
        WeeklyCost = weeklyCost;
        IsCostOverride = true;
        Raise(new PlacementCostChangedDomainEvent(this, effectiveFrom));
    }

    /// <summary>UK outward code: area letters, district digit(s), optional letter, e.g. ST4, M1, SW1A, EC1A.</summary>
    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?$", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeDistrictPattern();

    [GeneratedRegex("^([A-Z]{2}[0-9]{6}|[0-9]{6,7}|XXXXXXX)$", RegexOptions.CultureInvariant)]
    private static partial Regex UrnPattern();
}

/// <summary>What a caller says about a new episode (903 DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, PL_POST, HOME_POST, URN).</summary>
public sealed record NewEpisode(
    DateOnly StartDate, string ReasonForNewEpisode, string LegalStatus, string CategoryOfNeed, string PlacementType,
    string? PlacementProvider, string? PostcodeDistrict, string? HomePostcodeDistrict = null, string? Urn = null, Guid? FosterCarerId = null)
{
    public EpisodeFacts ToFacts() => new(StartDate, ReasonForNewEpisode, LegalStatus, PlacementType, PlacementProvider, null, null, null);
}
