using Platform.ServiceDefaults.Domain;

namespace Platform.Placements.Domain;

/// <summary>
/// A looked-after child, known only by the council's pseudonymous 903 CHILD id. No names or other direct
/// identifiers are held here.
/// </summary>
public sealed class Child
{
    public const int MaxChildIdLength = 10;

    private Child() { }

    public Child(string childId, string sex, DateOnly dateOfBirth, string ethnicity, bool isUasc)
    {
        if (!IsValidChildId(childId)) throw DomainRuleException.ForField("childId", $"Must be 1 to {MaxChildIdLength} letters or digits.");
        if (!CodeLists.Sex.Contains(sex)) throw DomainRuleException.ForField("sex", $"Unknown sex code '{sex}'.");
        if (!CodeLists.Ethnicity.Contains(ethnicity)) throw DomainRuleException.ForField("ethnicity", $"Unknown ethnicity code '{ethnicity}'.");
        ChildId = childId;
        Sex = sex;
        DateOfBirth = dateOfBirth;
        Ethnicity = ethnicity;
        IsUasc = isUasc;
    }

    /// <summary>903 CHILD: the council's own pseudonymous identifier, 1–10 ASCII letters or digits.</summary>
    public string ChildId { get; private set; } = "";

    /// <summary>903 SEX: 1 male, 2 female.</summary>
    public string Sex { get; private set; } = "";

    public DateOnly DateOfBirth { get; private set; }

    /// <summary>903 ETHNIC code.</summary>
    public string Ethnicity { get; private set; } = "";

    /// <summary>Unaccompanied asylum-seeking child.</summary>
    public bool IsUasc { get; private set; }

    public static bool IsValidChildId(string? childId) =>
        childId is { Length: >= 1 and <= MaxChildIdLength } && childId.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// Starts a new episode. Episodes are contiguous: the new one must start after <paramref name="latest"/>
    /// (this child's latest episode, if any), which is closed on the new start date. A child's first episode
    /// must have RNE <c>S</c> (started to be looked after).
    /// </summary>
    public Episode StartEpisode(Episode? latest, Guid episodeId, DateOnly startDate, string reasonForNewEpisode, string legalStatus,
        string categoryOfNeed, string placementType, string? placementProvider, string? postcodeDistrict, decimal weeklyCost)
    {
        if (latest is not null && latest.ChildId != ChildId)
        {
            throw new ArgumentException("The latest episode belongs to another child.", nameof(latest));
        }
        if (latest is null && reasonForNewEpisode != CodeLists.StartedToBeLookedAfter)
        {
            throw DomainRuleException.ForField("reasonForNewEpisode",
                $"A child's first episode must have reason for new episode '{CodeLists.StartedToBeLookedAfter}' (started to be looked after).");
        }
        if (latest is not null && startDate <= latest.StartDate)
        {
            throw DomainRuleException.ForField("startDate", $"Must be after the start of the child's latest episode ({latest.StartDate:yyyy-MM-dd}).");
        }
        if (latest?.EndDate is { } ended && startDate < ended)
        {
            throw DomainRuleException.ForField("startDate", $"Must not be before the end of the child's latest episode ({ended:yyyy-MM-dd}).");
        }

        var episode = new Episode(episodeId, this, startDate, reasonForNewEpisode, legalStatus, categoryOfNeed,
            placementType, placementProvider, postcodeDistrict, weeklyCost);
        if (latest is { EndDate: null }) latest.Close(startDate);
        return episode;
    }
}
