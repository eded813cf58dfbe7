namespace Platform.Placements.Domain;

/// <summary>Children in foster placements on a date, and those placed by the council's own fostering service.</summary>
public sealed record FosterSufficiencyResult(DateOnly AsAt, int InFosterPlacements, int WithOwnProvision, decimal? OwnProvisionPercent);

/// <summary>
/// The sufficiency of the council's own foster care (its duty under section 22G of the Children Act 1989), measured with
/// the 903's own fields: of the children looked after on the date in a foster placement (PLACE U1–U6), the share whose
/// placement provider is the council's own provision (PLACE_PROVIDER PR1). A council short of its own carers places
/// children with independent fostering agencies (PR4) instead. Short breaks (LS V3/V4) are left out.
/// </summary>
public static class FosterSufficiency
{
    public const string OwnProvision = "PR1";

    public static FosterSufficiencyResult Calculate(DateOnly date, IEnumerable<EpisodeSpan> episodes)
    {
        int fostered = 0, own = 0;
        foreach (var episode in episodes)
        {
            if (CodeLists.ShortBreakLegalStatuses.Contains(episode.LegalStatus)) continue;
            if (episode.StartDate > date || (episode.EndDate is { } end && end <= date)) continue;
            if (!CodeLists.FosterPlacements.Contains(episode.PlacementType)) continue;
            fostered++;
            if (episode.PlacementProvider == OwnProvision) own++;
        }
        return new FosterSufficiencyResult(date, fostered, own,
            fostered == 0 ? null : decimal.Round(own * 100m / fostered, 1, MidpointRounding.AwayFromZero));
    }
}
