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

    /// <summary>903 SEX: M, F or U (the codes from 2024-25; an older return's 1 and 2 are stored as M and F).</summary>
    public string Sex { get; private set; } = "";

    public DateOnly DateOfBirth { get; private set; }

    /// <summary>903 ETHNIC code.</summary>
    public string Ethnicity { get; private set; } = "";

    /// <summary>Unaccompanied asylum-seeking child.</summary>
    public bool IsUasc { get; private set; }

    /// <summary>903 UPN (unique pupil number, or UN1–UN5 when there is none), as the latest imported return gave it.</summary>
    public string? Upn { get; private set; }

    /// <summary>903 MOTHER: whether the child is a mother (null when not recorded).</summary>
    public bool? IsMother { get; private set; }

    /// <summary>903 MC_DOB: the date of birth of the child's first child.</summary>
    public DateOnly? MotherChildDateOfBirth { get; private set; }

    public static bool IsValidChildId(string? childId) =>
        childId is { Length: >= 1 and <= MaxChildIdLength } && childId.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// Starts a new episode after <paramref name="latest"/> (this child's latest episode, if any), keeping the sequence
    /// valid: a first episode or a new period of care has RNE <c>S</c> and starts after the previous period ended; a
    /// continuation (RNE L, P, T, B, U) closes the open episode with REC <c>X1</c> on its start date, with the
    /// reason for the placement change when the placement moved. Gaps and overlaps are refused (903 rules 433, 501).
    /// </summary>
    /// <returns>The new episode; <paramref name="latest"/> is ended when it was open.</returns>
    public Episode StartEpisode(Episode? latest, Guid episodeId, NewEpisode details, decimal weeklyCost, bool isCostOverride,
        string? reasonForPlacementChange)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (latest is not null && latest.ChildId != ChildId)
        {
            throw new ArgumentException("The latest episode belongs to another child.", nameof(latest));
        }
        var episode = new Episode(episodeId, this, details, weeklyCost, isCostOverride);
        var next = details.ToFacts();
        var continues = CodeLists.ContinuationReasons.Contains(details.ReasonForNewEpisode);

        if (latest is null)
        {
            if (continues)
            {
                throw DomainRuleException.ForField("reasonForNewEpisode",
                    $"A child's first episode must have reason for new episode '{CodeLists.StartedToBeLookedAfter}' (started to be looked after) (903 rule 357).");
            }
            Refuse(reasonForPlacementChange is not null, "reasonForPlacementChange", "There is no previous placement to give a reason for leaving (903 rule 225).");
            return episode;
        }

        if (latest.IsOpen)
        {
            if (!continues)
            {
                throw DomainRuleException.ForField("reasonForNewEpisode",
                    $"The child is still looked after (episode from {latest.StartDate:yyyy-MM-dd} is open): use a continuation reason (L, P, T, B, U) or end the period of care first (903 rule 142).");
            }
            if (details.StartDate <= latest.StartDate)
            {
                throw DomainRuleException.ForField("startDate",
                    $"Must be after the start of the child's latest episode ({latest.StartDate:yyyy-MM-dd}): episodes must not overlap (903 rule 501).");
            }
            var changesPlacement = CodeLists.PlacementChangeReasons.Contains(details.ReasonForNewEpisode);
            var temporary = CodeLists.TemporaryPlacements.Contains(latest.PlacementType) || CodeLists.TemporaryPlacements.Contains(details.PlacementType);
            Refuse(reasonForPlacementChange is not null && (!changesPlacement || temporary), "reasonForPlacementChange",
                changesPlacement
                    ? "Must be blank when either placement is temporary (T0–T4) (903 rule 226)."
                    : $"Only given when the placement changes (RNE P, T, B or U), not for RNE {details.ReasonForNewEpisode} (903 rule 225).");
            var closed = latest.ToFacts() with
            {
                EndDate = details.StartDate,
                ReasonEpisodeCeased = CodeLists.NewEpisodeSameDay,
                ReasonForPlacementChange = reasonForPlacementChange,
            };
            ThrowFirst(Ssda903Rules.Sequence(closed, next));
            latest.End(details.StartDate, CodeLists.NewEpisodeSameDay, reasonForPlacementChange);
            return episode;
        }

        Refuse(reasonForPlacementChange is not null, "reasonForPlacementChange",
            "The previous period of care has ended; a reason for a placement change only applies to a move within one (903 rule 225).");
        ThrowFirst(Ssda903Rules.Sequence(latest.ToFacts(), next));
        return episode;
    }

    /// <summary>
    /// Ends the period of care: the open episode ceases on <paramref name="endDate"/> with a REC other than <c>X1</c>
    /// (X1 means a new episode begins, which starting that episode records).
    /// </summary>
    public void Cease(Episode? latest, DateOnly endDate, string reasonEpisodeCeased)
    {
        if (latest is null || !latest.IsOpen) throw DomainRuleException.Conflict($"Child {ChildId} is not looked after: there is no open episode to end.");
        if (latest.ChildId != ChildId) throw new ArgumentException("The episode belongs to another child.", nameof(latest));
        if (!CodeLists.ReasonEpisodeCeased.Contains(reasonEpisodeCeased))
        {
            throw DomainRuleException.ForField("reasonEpisodeCeased", $"Unknown reason episode ceased '{reasonEpisodeCeased}'.");
        }
        Refuse(reasonEpisodeCeased == CodeLists.NewEpisodeSameDay, "reasonEpisodeCeased",
            "X1 means a new episode begins the same day: start that episode instead (903 rule 388).");
        var ended = latest.ToFacts() with { EndDate = endDate, ReasonEpisodeCeased = reasonEpisodeCeased };
        ThrowFirst(Ssda903Rules.Episode(ended, DateOfBirth));
        latest.End(endDate, reasonEpisodeCeased, null);
    }

    private static void Refuse(bool failed, string field, string message)
    {
        if (failed) throw DomainRuleException.ForField(field, message);
    }

    private static void ThrowFirst(IEnumerable<RuleViolation> violations)
    {
        foreach (var violation in violations)
        {
            var field = violation.Field switch
            {
                "DEC" => "endDate",
                "REC" when violation.Rule is "142" or "388" or "437" => "reasonForNewEpisode",
                _ => Ssda903Rules.ApiField(violation.Field),
            };
            throw DomainRuleException.ForField(field, $"{violation.Message} (903 rule {violation.Rule})");
        }
    }
}
