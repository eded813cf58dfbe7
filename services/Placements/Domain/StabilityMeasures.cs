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
        var tally = new Tally(yearEnd);
        foreach (var child in episodes.Where(e => !CodeLists.ShortBreakLegalStatuses.Contains(e.LegalStatus)).GroupBy(e => e.ChildId))
        {
            tally.Add(child.OrderBy(e => e.StartDate).ToList(), datesOfBirth.TryGetValue(child.Key, out var born) ? born : null);
        }
        return tally.Result();
    }

    /// <summary>
    /// The measures on each of <paramref name="dates"/>, as <see cref="Calculate(DateOnly, IEnumerable{EpisodeSpan}, IReadOnlyDictionary{string, DateOnly})"/>
    /// gives each, but visiting on each date only the children with an episode open on it (<see cref="OpenEpisodes"/>),
    /// not every child: a publication of many dates over a large care population.
    /// </summary>
    public static IReadOnlyList<StabilityResult> CalculateEach(IReadOnlyList<DateOnly> dates, OpenEpisodes episodes, IReadOnlyDictionary<string, DateOnly> datesOfBirth)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(datesOfBirth);
        var results = new StabilityResult[dates.Count];
        foreach (var (index, date, open) in episodes.OnEach(dates))
        {
            var tally = new Tally(date);
            foreach (var childId in open.Select(e => e.ChildId).Distinct(StringComparer.Ordinal))
            {
                tally.Add(episodes.OfChild(childId), datesOfBirth.TryGetValue(childId, out var born) ? born : null);
            }
            results[index] = tally.Result();
        }
        return results;
    }

    /// <summary>
    /// The earliest end date of an episode that can move the measures on <paramref name="yearEnd"/>: 2½ years before it.
    /// An episode that ended earlier is neither in the year nor needed to find out whether the period of care or the
    /// placement began early enough: the episode after it in a continuous period started before that day, so the period
    /// and the placement did too, whatever came before. Reading from this day bounds the episodes a measure reads.
    /// </summary>
    public static DateOnly HistoryFrom(DateOnly yearEnd) => yearEnd.AddMonths(-30);

    /// <summary>The four counts over the children looked after at the year's end, one child at a time.</summary>
    private sealed class Tally(DateOnly yearEnd)
    {
        private readonly DateOnly _yearStart = yearEnd.AddYears(-1).AddDays(1);
        private readonly DateOnly _longTermStart = yearEnd.AddMonths(-30);
        private readonly DateOnly _samePlacementStart = yearEnd.AddYears(-2);
        private int _lookedAfter, _threePlus, _eligible, _stable;

        /// <summary>One child's episodes (no short breaks), ordered by start date.</summary>
        public void Add(IReadOnlyList<EpisodeSpan> ordered, DateOnly? born)
        {
            var index = -1;
            for (var i = ordered.Count - 1; i >= 0; i--)
            {
                if (ordered[i].StartDate <= yearEnd && (ordered[i].EndDate is null || ordered[i].EndDate > yearEnd)) { index = i; break; }
            }
            if (index < 0) return;
            _lookedAfter++;

            var placements = 0;
            foreach (var e in ordered)
            {
                if (e.StartDate > yearEnd || (e.EndDate is not null && e.EndDate <= _yearStart)) continue;
                // The first episode of the year is a placement; later ones when they start a new placement (not RNE L).
                if (placements == 0 || e.ReasonForNewEpisode != "L") placements++;
            }
            if (placements >= 3) _threePlus++;

            var current = ordered[index];
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

            var under16 = born is { } date && Ssda903Rules.AgeOn(date, yearEnd) < 16;
            if (under16 && periodStart <= _longTermStart)
            {
                _eligible++;
                if (placementStart <= _samePlacementStart) _stable++;
            }
        }

        public StabilityResult Result() => new(PopulationReference.CollectionYearOf(yearEnd), yearEnd, _lookedAfter, _threePlus,
            Percent(_threePlus, _lookedAfter), _eligible, _stable, Percent(_stable, _eligible));
    }

    private static decimal? Percent(int part, int whole) =>
        whole == 0 ? null : decimal.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);
}
