using System.Text.RegularExpressions;
using Platform.Contracts.Placements.V1;
using Platform.ServiceDefaults.Domain;

namespace Platform.Placements.Domain;

/// <summary>
/// A 903 episode: a stretch of care with one legal status and one placement. A new episode starts when the child
/// starts to be looked after or their legal status or placement changes. An open episode has no end date.
/// </summary>
public sealed partial class Episode
{
    public const decimal MaxWeeklyCost = 20_000m;

    private Episode() { }

    /// <summary>Use <see cref="Child.StartEpisode"/>, which also keeps the child's episodes contiguous.</summary>
    internal Episode(Guid id, Child child, DateOnly startDate, string reasonForNewEpisode, string legalStatus, string categoryOfNeed,
        string placementType, string? placementProvider, string? postcodeDistrict, decimal weeklyCost)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (startDate < child.DateOfBirth)
        {
            throw DomainRuleException.ForField("startDate", $"Cannot be before the child's date of birth ({child.DateOfBirth:yyyy-MM-dd}).");
        }
        if (!CodeLists.ReasonForNewEpisode.Contains(reasonForNewEpisode))
        {
            throw DomainRuleException.ForField("reasonForNewEpisode", $"Unknown reason for new episode '{reasonForNewEpisode}'.");
        }
        if (!CodeLists.LegalStatus.Contains(legalStatus)) throw DomainRuleException.ForField("legalStatus", $"Unknown legal status '{legalStatus}'.");
        if (!CodeLists.CategoryOfNeed.Contains(categoryOfNeed)) throw DomainRuleException.ForField("categoryOfNeed", $"Unknown category of need '{categoryOfNeed}'.");
        if (!CodeLists.PlacementType.Contains(placementType)) throw DomainRuleException.ForField("placementType", $"Unknown placement type '{placementType}'.");
        if (placementProvider is not null && !CodeLists.PlacementProvider.Contains(placementProvider))
        {
            throw DomainRuleException.ForField("placementProvider", $"Unknown placement provider '{placementProvider}'.");
        }
        if (CodeLists.ProviderProblem(placementType, placementProvider) is { } problem)
        {
            throw DomainRuleException.ForField("placementProvider", problem);
        }
        if (postcodeDistrict is not null && !IsValidPostcodeDistrict(postcodeDistrict))
        {
            throw DomainRuleException.ForField("postcodeDistrict", "Must be the outward part of a postcode, e.g. ST4.");
        }
        if (weeklyCost is < 0 or > MaxWeeklyCost)
        {
            throw DomainRuleException.ForField("weeklyCost", $"Must be between 0 and {MaxWeeklyCost}.");
        }

        Id = id;
        ChildId = child.ChildId;
        StartDate = startDate;
        ReasonForNewEpisode = reasonForNewEpisode;
        LegalStatus = legalStatus;
        CategoryOfNeed = categoryOfNeed;
        PlacementType = placementType;
        PlacementProvider = placementProvider;
        PostcodeDistrict = postcodeDistrict;
        WeeklyCost = weeklyCost;
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

    /// <summary>Postcode district (outward code) of the placement, e.g. ST4; never a full postcode.</summary>
    public string? PostcodeDistrict { get; private set; }

    /// <summary>Weekly cost of the placement in pounds.</summary>
    public decimal WeeklyCost { get; private set; }

    /// <summary>903 DEC; null while the episode is open.</summary>
    public DateOnly? EndDate { get; private set; }

    public bool IsOpen => EndDate is null;

    public static bool IsValidPostcodeDistrict(string? value) => value is not null && PostcodeDistrictPattern().IsMatch(value);

    public PlacementStarted ToStartedEvent() =>
        new(Id, ChildId, StartDate, ReasonForNewEpisode, LegalStatus, PlacementType, PlacementProvider, WeeklyCost);

    /// <summary>Closes the episode when the next one starts (episodes are contiguous).</summary>
    internal void Close(DateOnly endDate)
    {
        if (EndDate is not null) throw DomainRuleException.Conflict($"The episode already ended on {EndDate:yyyy-MM-dd}.");
        if (endDate <= StartDate) throw DomainRuleException.ForField("startDate", $"Must be after the start of the child's latest episode ({StartDate:yyyy-MM-dd}).");
        EndDate = endDate;
    }

    /// <summary>UK outward code: area letters, district digit(s), optional letter, e.g. ST4, M1, SW1A, EC1A.</summary>
    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?$", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeDistrictPattern();
}
