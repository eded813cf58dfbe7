namespace Platform.Placements.Domain;

/// <summary>A broken SSDA903 validation rule: the DfE rule number, the 903 field it is about and what is wrong.</summary>
public readonly record struct RuleViolation(string Rule, string Field, string Message);

/// <summary>The facts of one 903 episode the validation rules look at (codes already known to be valid).</summary>
public sealed record EpisodeFacts(
    DateOnly StartDate, string ReasonForNewEpisode, string LegalStatus, string PlacementType, string? PlacementProvider,
    DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonForPlacementChange);

/// <summary>
/// The SSDA903 validation rules of the 903 notes (section 4), by DfE rule number, shared by the episode API and the
/// 903 import. Field names are the 903 column names (DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, REC,
/// REASON_PLACE_CHANGE); <see cref="ApiField"/> maps them to the API's JSON names.
/// </summary>
public static class Ssda903Rules
{
    /// <summary>Children Act 1989 commencement: no episode starts earlier (rule 353).</summary>
    public static readonly DateOnly EarliestEpisodeStart = new(1991, 10, 14);

    /// <summary>The API's JSON field for a 903 column.</summary>
    public static string ApiField(string column) => column switch
    {
        "DECOM" => "startDate",
        "RNE" => "reasonForNewEpisode",
        "LS" => "legalStatus",
        "CIN" => "categoryOfNeed",
        "PLACE" => "placementType",
        "PLACE_PROVIDER" => "placementProvider",
        "DEC" => "endDate",
        "REC" => "reasonEpisodeCeased",
        "REASON_PLACE_CHANGE" => "reasonForPlacementChange",
        _ => column.ToLowerInvariant(),
    };

    /// <summary>Rules about one episode on its own: combinations of codes, dates and the child's age.</summary>
    public static IEnumerable<RuleViolation> Episode(EpisodeFacts episode, DateOnly dateOfBirth)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var place = episode.PlacementType;
        var provider = episode.PlacementProvider;

        if (CodeLists.PlacementTypesWithoutProvider.Contains(place))
        {
            if (provider is not null) yield return new("178", "PLACE_PROVIDER", $"Must be blank for placement type {place} (temporary or other placements).");
        }
        else if (provider is null)
        {
            yield return new("526", "PLACE_PROVIDER", $"Is required for placement type {place}.");
        }
        else if (ProviderIncompatibility(place, provider) is { } incompatible)
        {
            yield return incompatible;
        }

        if (place == CodeLists.PlacedWithParents && episode.LegalStatus == "V2")
        {
            yield return new("378", "PLACE", "Placement with parents (P1) is not valid under single-period accommodation (LS V2).");
        }
        if (place is "A5" or "A6" && episode.LegalStatus != "E1")
        {
            yield return new("408", "LS", $"Placement {place} (placed for adoption with a placement order) needs legal status E1.");
        }
        if (CodeLists.ShortBreakLegalStatuses.Contains(episode.LegalStatus) && place is "U1" or "U4")
        {
            yield return new("384", "PLACE", $"Short breaks ({episode.LegalStatus}) cannot be recorded in a long-term foster placement ({place}).");
        }
        if (CodeLists.ShortBreakLegalStatuses.Contains(episode.LegalStatus) && CodeLists.TemporaryPlacements.Contains(place))
        {
            yield return new("382", "PLACE", $"Short breaks ({episode.LegalStatus}) cannot be recorded in a temporary placement ({place}).");
        }
        if (CodeLists.TemporaryPlacements.Contains(place) && episode.ReasonForNewEpisode is not ("P" or "B"))
        {
            yield return new("380", "RNE", $"A temporary placement ({place}) must start with reason for new episode P or B.");
        }

        if (episode.StartDate < EarliestEpisodeStart)
        {
            yield return new("353", "DECOM", "Must not be before 14/10/1991 (Children Act 1989 commencement).");
        }
        if (episode.StartDate < dateOfBirth)
        {
            yield return new("302", "DECOM", $"Must not be before the child's date of birth ({dateOfBirth:dd/MM/yyyy}).");
        }
        var ageAtStart = AgeOn(dateOfBirth, episode.StartDate);
        if (episode.ReasonForNewEpisode == CodeLists.StartedToBeLookedAfter && ageAtStart >= 18)
        {
            yield return new("352", "RNE", "A child cannot start to be looked after on or after their 18th birthday.");
        }
        var floor = place switch { "R5" => 10, "S1" => 4, "P3" => 14, _ => 0 };
        if (ageAtStart < floor)
        {
            var rule = place switch { "R5" => "372", "S1" => "373", _ => "374" };
            yield return new(rule, "PLACE", $"Placement type {place} needs the child to be at least {floor} at the start of the episode.");
        }

        if (episode.EndDate is null != episode.ReasonEpisodeCeased is null)
        {
            yield return new("148", episode.EndDate is null ? "DEC" : "REC", "DEC and REC must both be filled in or both be blank.");
        }
        if (episode.EndDate is { } end)
        {
            if (end < episode.StartDate) yield return new("356", "DEC", "Must not be before DECOM.");
            else if (end == episode.StartDate) yield return new("355", "DEC", "Must be after DECOM (an episode lasts at least a day).");
        }
        if (episode.ReasonEpisodeCeased is { } rec)
        {
            foreach (var violation in Cessation(place, rec, episode.EndDate ?? episode.StartDate, dateOfBirth)) yield return violation;
        }
        if (episode.ReasonForPlacementChange is not null)
        {
            if (CodeLists.TemporaryPlacements.Contains(place))
            {
                yield return new("226", "REASON_PLACE_CHANGE", $"Must be blank for a temporary placement ({place}).");
            }
            else if (episode.ReasonEpisodeCeased is null)
            {
                yield return new("233", "REASON_PLACE_CHANGE", "Must be blank while the episode has not ceased.");
            }
        }
    }

    /// <summary>Rules about the reason an episode ceased (REC) against the placement and the child's age at DEC.</summary>
    public static IEnumerable<RuleViolation> Cessation(string placementType, string reasonEpisodeCeased, DateOnly endDate, DateOnly dateOfBirth)
    {
        var age = AgeOn(dateOfBirth, endDate);
        switch (reasonEpisodeCeased)
        {
            case "E11" or "E12" when !CodeLists.AdoptionPlacements.Contains(placementType):
                yield return new("390", "REC", $"Adoption ({reasonEpisodeCeased}) needs the placement at cessation to be A3–A6, not {placementType}.");
                break;
            case "E45" or "E46" when !CodeLists.FosterPlacements.Contains(placementType):
                yield return new("516", "REC", $"A special guardianship order to former foster carers ({reasonEpisodeCeased}) needs a foster placement (U1–U6), not {placementType}.");
                break;
        }
        if (reasonEpisodeCeased is "E11" or "E12" && age >= 18) yield return new("386", "REC", "A child cannot be adopted at 18 or over.");
        if (reasonEpisodeCeased is "E5" or "E6" && age < 14) yield return new("387", "REC", "A child under 14 cannot move into independent living.");
        if (reasonEpisodeCeased == "E7" && age < 16) yield return new("389", "REC", "A child under 16 cannot transfer to adult social care.");
        if (reasonEpisodeCeased == "E17" && age < 18) yield return new("460", "REC", "E17 (aged 18 and stayed with carers) needs the child to be 18 or over.");
    }

    /// <summary>
    /// Rules between two consecutive episodes of one child (ordered by DECOM): no gap, no overlap, continuation codes that
    /// match, a reason for every placement move. <paramref name="next"/> null means <paramref name="previous"/> is the latest.
    /// </summary>
    public static IEnumerable<RuleViolation> Sequence(EpisodeFacts previous, EpisodeFacts? next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (next is null)
        {
            if (previous.ReasonEpisodeCeased == CodeLists.NewEpisodeSameDay)
            {
                yield return new("388", "REC", "X1 says a new episode begins the same day, but there is no later episode.");
            }
            yield break;
        }

        if (previous.EndDate is not { } ended || previous.ReasonEpisodeCeased is null)
        {
            yield return new("142", previous.EndDate is null ? "DEC" : "REC",
                $"An episode that is not the child's latest must have DEC and REC (a new episode started on {next.StartDate:dd/MM/yyyy}).");
            yield break;
        }
        if (next.StartDate < ended)
        {
            yield return new("501", "DECOM", $"Overlaps the previous episode, which ended on {ended:dd/MM/yyyy}.");
            yield break;
        }
        var continues = CodeLists.ContinuationReasons.Contains(next.ReasonForNewEpisode);
        if (continues && (next.StartDate != ended || previous.ReasonEpisodeCeased != CodeLists.NewEpisodeSameDay))
        {
            yield return new("433", "DECOM", next.StartDate != ended
                ? $"RNE {next.ReasonForNewEpisode} continues the period of care, so the episode must start on {ended:dd/MM/yyyy}, the day the previous one ended (a gap is not allowed)."
                : $"RNE {next.ReasonForNewEpisode} continues the period of care, but the previous episode ended it (REC {previous.ReasonEpisodeCeased}).");
        }
        if (!continues && next.StartDate == ended)
        {
            yield return new("431", "RNE", "RNE S but the previous episode ended the same day: use a continuation code (L, P, T, B, U).");
        }
        if (previous.ReasonEpisodeCeased == CodeLists.NewEpisodeSameDay && (next.StartDate != ended || !continues))
        {
            yield return new("388", "REC", "X1 says a new episode begins the same day, but the next episode does not continue the period of care.");
        }
        if (previous.ReasonEpisodeCeased is "E2" or "E15")
        {
            yield return new("437", "REC", $"No episode can follow REC {previous.ReasonEpisodeCeased}.");
        }
        if (previous.ReasonEpisodeCeased == CodeLists.NewEpisodeSameDay && CodeLists.PlacementChangeReasons.Contains(next.ReasonForNewEpisode)
            && !CodeLists.TemporaryPlacements.Contains(previous.PlacementType) && !CodeLists.TemporaryPlacements.Contains(next.PlacementType)
            && previous.ReasonForPlacementChange is null)
        {
            yield return new("225", "REASON_PLACE_CHANGE", $"The placement changed (next RNE {next.ReasonForNewEpisode}): a reason for the placement change is required.");
        }
    }

    /// <summary>Provider / placement combinations the DfE refuses (rules 527–531, 550).</summary>
    public static RuleViolation? ProviderIncompatibility(string placementType, string provider) => provider switch
    {
        "PR0" when placementType != CodeLists.PlacedWithParents => new("550", "PLACE_PROVIDER", "PR0 can only be used with placement type P1."),
        "PR1" or "PR2" when placementType is "P1" or "R2" or "R5" => new(provider == "PR1" ? "527" : "528", "PLACE_PROVIDER", $"{provider} cannot be used with placement type {placementType}."),
        "PR3" when placementType is "P1" or "K1" or "K2" || CodeLists.AdoptionPlacements.Contains(placementType) || CodeLists.FosterPlacements.Contains(placementType)
            => new("529", "PLACE_PROVIDER", $"PR3 cannot be used with placement type {placementType}."),
        "PR4" or "PR5" when placementType == CodeLists.PlacedWithParents => new(provider == "PR4" ? "530" : "531", "PLACE_PROVIDER", $"{provider} cannot be used with placement type P1."),
        _ => null,
    };

    /// <summary>Age in whole years on a date.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly date)
    {
        var age = date.Year - dateOfBirth.Year;
        if (date < dateOfBirth.AddYears(age)) age--;
        return age;
    }
}
