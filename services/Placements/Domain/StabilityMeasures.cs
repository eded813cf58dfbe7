namespace Platform.Placements.Domain;

/// <summary>The episode facts the stability measures need.</summary>
public sealed record EpisodeSpan(string ChildId, DateOnly StartDate, DateOnly? EndDate, string ReasonForNewEpisode, string LegalStatus,
    string PlacementType = "", string? PlacementProvider = null);

/// <summary>DfE placement stability measures for one collection year, over the children looked after at its end.</summary>
public sealed record StabilityResult(
    int CollectionYear, DateOnly YearEnd, int ChildrenLookedAfter, int WithThreeOrMorePlacements, decimal? ThreeOrMorePlacementsPercent,
    int LongTermEligible, int LongTermSamePlacement, decimal? LongTermStabilityPercent);

/// <summary>
/// The two DfE placement stability measures of the 903 notes (section 5):
/// <list type="bullet">
/// <item>children looked after at 31 March with three or more placements during the year. A placement is counted for the
/// first episode of the year (the placement held on 1 April or started later) and for every later episode that starts a
/// new placement (RNE S, P, T, B or U); a legal status change alone (RNE L) is the same placement.</item>
/// <item>children looked after at 31 March, under 16 then, looked after continuously for 2½ years or more (the period of
/// care started on or before 30 September 2½ years earlier), and of those, the ones in the same placement for 2 years or
/// more (the placement began with the latest episode that was not a legal-status-only change).</item>
/// </list>
/// Short breaks (LS V3/V4) are left out, as in the DfE count of children looked after.
/// </summary>
public static class StabilityMeasures
{
    public static StabilityResult Calculate(int collectionYear, IEnumerable<EpisodeSpan> episodes, IReadOnlyDictionary<string, DateOnly> datesOfBirth) =>
        Calculate(new DateOnly(collectionYear + 1, 3, 31), episodes, datesOfBirth);

    /// <summary>
    /// The same measures for the twelve months to any date (a collection year when the date is 31 March), so that a board
    /// can be read on any date with the DfE's definition.
    /// </summary>
    public static StabilityResult Calculate(DateOnly yearEnd, IEnumerable<EpisodeSpan> episodes, IReadOnlyDictionary<string, DateOnly> datesOfBirth)
    {
        ArgumentNullException.ThrowIfNull(datesOfBirth);
        var collectionYear = PopulationReference.CollectionYearOf(yearEnd);
        var yearStart = yearEnd.AddYears(-1).AddDays(1);
        var longTermStart = yearEnd.AddMonths(-30);
        var samePlacementStart = yearEnd.AddYears(-2);

        int lookedAfter = 0, threePlus = 0, eligible = 0, stable = 0;
        foreach (var child in episodes.Where(e => !CodeLists.ShortBreakLegalStatuses.Contains(e.LegalStatus)).GroupBy(e => e.ChildId))
        {
            var ordered = child.OrderBy(e => e.StartDate).ToList();
            var current = ordered.LastOrDefault(e => e.StartDate <= yearEnd && (e.EndDate is null || e.EndDate > yearEnd));
            if (current is null) continue;
            lookedAfter++;

            var inYear = ordered.Where(e => e.StartDate <= yearEnd && (e.EndDate is null || e.EndDate > yearStart)).ToList();
            var placements = inYear.Select((e, i) => i == 0 || e.ReasonForNewEpisode != "L").Count(counted => counted);
            if (placements >= 3) threePlus++;

            var index = ordered.IndexOf(current);
            var periodStart = current.StartDate;
            var placementStart = current.StartDate;
            var placementFound = current.ReasonForNewEpisode != "L";
            for (var i = index; i >= 0; i--)
            {
                var episode = ordered[i];
                if (i < index && episode.EndDate != ordered[i + 1].StartDate) break;
                periodStart = episode.StartDate;
                if (!placementFound) placementStart = episode.StartDate;
                if (episode.ReasonForNewEpisode != "L") placementFound = true;
                if (episode.ReasonForNewEpisode == CodeLists.StartedToBeLookedAfter) break;
            }

            var under16 = datesOfBirth.TryGetValue(child.Key, out var born) && Ssda903Rules.AgeOn(born, yearEnd) < 16;
            if (under16 && periodStart <= longTermStart)
            {
                eligible++;
                if (placementStart <= samePlacementStart) stable++;
            }
        }
        return new StabilityResult(collectionYear, yearEnd, lookedAfter, threePlus, Percent(threePlus, lookedAfter), eligible, stable, Percent(stable, eligible));
    }

    private static decimal? Percent(int part, int whole) =>
        whole == 0 ? null : decimal.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);
}
