namespace Platform.Placements.Domain;

/// <summary>
/// Episodes (short breaks left out, as every indicator leaves them out) held for evaluating many dates: each child's
/// episodes in start order, and a sweep through the dates that keeps the episodes open on each (started on or before it,
/// not ended by it), so a date's work follows the children looked after on it rather than every episode held.
/// </summary>
public sealed class OpenEpisodes
{
    private readonly EpisodeSpan[] _byStart;
    private readonly Dictionary<string, List<EpisodeSpan>> _byChild = new(StringComparer.Ordinal);

    public OpenEpisodes(IEnumerable<EpisodeSpan> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        // OrderBy is stable: a child's list keeps the order StabilityMeasures.Calculate gives it.
        _byStart = episodes.Where(e => !CodeLists.ShortBreakLegalStatuses.Contains(e.LegalStatus)).OrderBy(e => e.StartDate).ToArray();
        foreach (var episode in _byStart)
        {
            if (!_byChild.TryGetValue(episode.ChildId, out var list)) _byChild[episode.ChildId] = list = [];
            list.Add(episode);
        }
    }

    /// <summary>A child's episodes held, ordered by start date.</summary>
    public IReadOnlyList<EpisodeSpan> OfChild(string childId) => _byChild.TryGetValue(childId, out var list) ? list : [];

    /// <summary>
    /// For each of <paramref name="dates"/> (in any order), its position in the list and the episodes open on it, earliest
    /// date first. Each list is valid until the next is asked for.
    /// </summary>
    public IEnumerable<(int Index, DateOnly Date, IReadOnlyList<EpisodeSpan> Open)> OnEach(IReadOnlyList<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var open = new List<EpisodeSpan>();
        var next = 0;
        foreach (var index in Enumerable.Range(0, dates.Count).OrderBy(i => dates[i]))
        {
            var date = dates[index];
            while (next < _byStart.Length && _byStart[next].StartDate <= date) open.Add(_byStart[next++]);
            // Dates only grow, so an episode ended by this date stays ended.
            open.RemoveAll(e => e.EndDate is { } end && end <= date);
            yield return (index, date, open);
        }
    }
}
