using System.Text.RegularExpressions;
using Platform.ServiceDefaults.Domain;

namespace Platform.Placements.Domain;

/// <summary>
/// An approved foster carer household, known by the fostering service's household reference only (no names). Its
/// approval says how many children, of which ages, it may care for; capacity is that number plus any recorded
/// exemption (the "usual fostering limit" exemption), occupancy the children placed with it on a date.
/// </summary>
public sealed partial class FosterCarer : Entity
{
    public const int MaxApprovedPlaces = 6;
    public const int MaxAge = 17;
    public const int MaxReferenceLength = 20;

    /// <summary>Why a household was de-registered.</summary>
    public static readonly IReadOnlyList<string> DeregistrationReasons = ["approval-terminated", "other", "resigned", "retired", "transferred"];

    private readonly List<CapacityExemption> _exemptions = [];
    private readonly List<SupportVisit> _supportVisits = [];

    private FosterCarer() { }

    public FosterCarer(Guid id, string householdReference, DateOnly approvedOn, int approvedPlaces, int ageFrom, int ageTo, bool isInHouse)
    {
        if (!IsValidReference(householdReference)) throw DomainRuleException.ForField("householdReference", ReferenceRule);
        if (approvedPlaces is < 1 or > MaxApprovedPlaces) throw DomainRuleException.ForField("approvedPlaces", $"Must be between 1 and {MaxApprovedPlaces}.");
        if (ageFrom is < 0 or > MaxAge) throw DomainRuleException.ForField("ageFrom", $"Must be between 0 and {MaxAge}.");
        if (ageTo is < 0 or > MaxAge) throw DomainRuleException.ForField("ageTo", $"Must be between 0 and {MaxAge}.");
        if (ageTo < ageFrom) throw DomainRuleException.ForField("ageTo", "Must not be below ageFrom.");
        Id = id;
        HouseholdReference = householdReference;
        ApprovedOn = approvedOn;
        ApprovedPlaces = approvedPlaces;
        AgeFrom = ageFrom;
        AgeTo = ageTo;
        IsInHouse = isInHouse;
        Raise(new FosterCarerApprovedDomainEvent(this));
    }

    public Guid Id { get; private set; }

    /// <summary>The fostering service's reference for the household, e.g. FC-0042; never a name.</summary>
    public string HouseholdReference { get; private set; } = "";

    public DateOnly ApprovedOn { get; private set; }

    /// <summary>Number of children the household is approved for.</summary>
    public int ApprovedPlaces { get; private set; }

    /// <summary>Youngest age (in whole years) the approval covers.</summary>
    public int AgeFrom { get; private set; }

    /// <summary>Oldest age (in whole years) the approval covers.</summary>
    public int AgeTo { get; private set; }

    /// <summary>True for the council's own fostering service, false for an independent fostering agency.</summary>
    public bool IsInHouse { get; private set; }

    public DateOnly? DeregisteredOn { get; private set; }

    public string? DeregistrationReason { get; private set; }

    public IReadOnlyList<CapacityExemption> Exemptions => _exemptions;

    public IReadOnlyList<SupportVisit> SupportVisits => _supportVisits;

    public const string ReferenceRule = "Must be 1 to 20 capital letters, digits or hyphens (a household reference, never a name).";

    public static bool IsValidReference(string? value) => value is { Length: >= 1 and <= MaxReferenceLength } && ReferencePattern().IsMatch(value);

    /// <summary>Places available on <paramref name="date"/>: the approval plus exemptions in force (none once de-registered).</summary>
    public int CapacityOn(DateOnly date) =>
        !IsApprovedOn(date) ? 0 : ApprovedPlaces + _exemptions.Where(e => e.From <= date && (e.To is null || e.To >= date)).Sum(e => e.AdditionalPlaces);

    public bool IsApprovedOn(DateOnly date) => ApprovedOn <= date && (DeregisteredOn is null || date < DeregisteredOn);

    /// <summary>
    /// Refuses a placement the approval does not cover: before approval or after de-registration, a child outside the approved
    /// age range, or one more child than the capacity (approved places plus exemptions) on the start date.
    /// </summary>
    public void EnsureCanTake(DateOnly startDate, int childAge, int occupancyOnStart)
    {
        if (!IsApprovedOn(startDate))
        {
            throw DomainRuleException.ForField("fosterCarerId", DeregisteredOn is { } gone && startDate >= gone
                ? $"The household was de-registered on {gone:yyyy-MM-dd}."
                : $"The household is approved from {ApprovedOn:yyyy-MM-dd} only.");
        }
        if (childAge < AgeFrom || childAge > AgeTo)
        {
            throw DomainRuleException.ForField("fosterCarerId", $"The household is approved for children aged {AgeFrom} to {AgeTo}; this child is {childAge}.");
        }
        var capacity = CapacityOn(startDate);
        if (occupancyOnStart >= capacity)
        {
            throw DomainRuleException.Conflict(
                $"The household is full on {startDate:yyyy-MM-dd}: {occupancyOnStart} of {capacity} place(s) taken. Record a capacity exemption first.",
                "fosterCarerId");
        }
    }

    public CapacityExemption RecordExemption(Guid id, DateOnly from, DateOnly? to, int additionalPlaces)
    {
        if (DeregisteredOn is not null) throw DomainRuleException.Conflict($"The household was de-registered on {DeregisteredOn:yyyy-MM-dd}.");
        if (from < ApprovedOn) throw DomainRuleException.ForField("from", $"Must not be before the approval ({ApprovedOn:yyyy-MM-dd}).");
        if (to is { } until && until < from) throw DomainRuleException.ForField("to", "Must not be before from.");
        if (additionalPlaces is < 1 or > MaxApprovedPlaces) throw DomainRuleException.ForField("additionalPlaces", $"Must be between 1 and {MaxApprovedPlaces}.");
        var exemption = new CapacityExemption(id, Id, from, to, additionalPlaces);
        _exemptions.Add(exemption);
        return exemption;
    }

    public SupportVisit RecordSupportVisit(Guid id, DateOnly visitedOn)
    {
        if (visitedOn < ApprovedOn) throw DomainRuleException.ForField("visitedOn", $"Must not be before the approval ({ApprovedOn:yyyy-MM-dd}).");
        if (DeregisteredOn is { } gone && visitedOn >= gone) throw DomainRuleException.ForField("visitedOn", $"The household was de-registered on {gone:yyyy-MM-dd}.");
        var visit = new SupportVisit(id, Id, visitedOn);
        _supportVisits.Add(visit);
        return visit;
    }

    /// <summary>De-registers the household; refused while children remain placed with it on that date.</summary>
    public void Deregister(DateOnly deregisteredOn, string reason, int childrenPlacedOnOrAfter)
    {
        if (DeregisteredOn is not null) throw DomainRuleException.Conflict($"The household was already de-registered on {DeregisteredOn:yyyy-MM-dd}.");
        if (!DeregistrationReasons.Contains(reason)) throw DomainRuleException.ForField("reason", $"Unknown reason '{reason}'.");
        if (deregisteredOn <= ApprovedOn) throw DomainRuleException.ForField("deregisteredOn", $"Must be after the approval ({ApprovedOn:yyyy-MM-dd}).");
        if (childrenPlacedOnOrAfter > 0)
        {
            throw DomainRuleException.Conflict($"{childrenPlacedOnOrAfter} child(ren) are placed with the household on or after {deregisteredOn:yyyy-MM-dd}: move them first.");
        }
        DeregisteredOn = deregisteredOn;
        DeregistrationReason = reason;
        Raise(new FosterCarerDeregisteredDomainEvent(this));
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}

/// <summary>An exemption from the approved number of children for a period (e.g. to keep siblings together).</summary>
public sealed class CapacityExemption
{
    private CapacityExemption() { }

    internal CapacityExemption(Guid id, Guid fosterCarerId, DateOnly from, DateOnly? to, int additionalPlaces)
    {
        Id = id;
        FosterCarerId = fosterCarerId;
        From = from;
        To = to;
        AdditionalPlaces = additionalPlaces;
    }

    public Guid Id { get; private set; }

    public Guid FosterCarerId { get; private set; }

    public DateOnly From { get; private set; }

    /// <summary>Last day the exemption applies; open-ended when null.</summary>
    public DateOnly? To { get; private set; }

    public int AdditionalPlaces { get; private set; }
}

/// <summary>A supervising social worker's support visit to the household.</summary>
public sealed class SupportVisit
{
    private SupportVisit() { }

    internal SupportVisit(Guid id, Guid fosterCarerId, DateOnly visitedOn)
    {
        Id = id;
        FosterCarerId = fosterCarerId;
        VisitedOn = visitedOn;
    }

    public Guid Id { get; private set; }

    public Guid FosterCarerId { get; private set; }

    public DateOnly VisitedOn { get; private set; }
}
