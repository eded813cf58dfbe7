using Platform.Placements.Domain;

namespace Platform.UnitTests;

/// <summary>
/// The measures Placements publishes for many dates at once (<see cref="StabilityMeasures.CalculateEach"/>, over the
/// episodes of a window) are the ones its API gives for each date over every episode held.
/// </summary>
public sealed class PlacementsStabilityRulesTests
{
    private static readonly string[] Moves = ["P", "T", "B", "U", "L", "L"];
    private static readonly string[] Places = ["U1", "U4", "U6", "K2", "R1", "P1"];
    private static readonly string[] Providers = ["PR1", "PR4", "PR1", "PR2"];

    /// <summary>
    /// Seeded histories over 2000–2012: periods of care of a few days to several years, moves, legal-status changes
    /// (RNE L), gaps between periods, short breaks, open episodes and children of every age.
    /// </summary>
    private static (List<EpisodeSpan> Episodes, Dictionary<string, DateOnly> Births) Histories(int seed, int children)
    {
        var random = new Random(seed);
        var episodes = new List<EpisodeSpan>();
        var births = new Dictionary<string, DateOnly>();
        for (var c = 0; c < children; c++)
        {
            var child = $"C{c:D5}";
            births[child] = new DateOnly(1985, 1, 1).AddDays(random.Next(0, 27 * 365));
            var day = new DateOnly(2000, 1, 1).AddDays(random.Next(0, 3000));
            var periods = random.Next(1, 4);
            for (var period = 0; period < periods; period++)
            {
                var shortBreak = random.Next(10) == 0;
                var legal = shortBreak ? "V3" : "C2";
                var start = day;
                var rne = "S";
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    // Stays from a day to about three years; the last episode of a child may stay open.
                    var end = start.AddDays(random.Next(4) == 0 ? random.Next(1, 15) : random.Next(15, 1100));
                    var open = n == 1 && period == periods - 1 && random.Next(2) == 0;
                    episodes.Add(new EpisodeSpan(child, start, open ? null : end, rne, legal, Places[random.Next(Places.Length)], Providers[random.Next(Providers.Length)]));
                    if (open) break;
                    start = end;
                    rne = Moves[random.Next(Moves.Length)];
                }
                day = start.AddDays(random.Next(1, 400));
            }
        }
        return (episodes, births);
    }

    [Fact]
    public void Each_date_of_a_window_has_the_measures_of_that_date_over_every_episode_held()
    {
        var (all, births) = Histories(seed: 28, children: 600);
        // A publication's dates (in no order), and only the episodes it reads: started by the last date and not ended
        // before the stability history of the first.
        var random = new Random(5);
        var dates = Enumerable.Range(0, 200).Select(_ => new DateOnly(2004, 1, 1).AddDays(random.Next(0, 2200)))
            .Concat(all.Take(100).Select(e => e.StartDate)).Concat(all.Take(100).Where(e => e.EndDate is not null).Select(e => e.EndDate!.Value))
            .Where(d => d >= new DateOnly(2004, 1, 1) && d <= new DateOnly(2010, 1, 1)).Distinct().ToList();
        var (first, last) = (dates.Min(), dates.Max());
        var window = new OpenEpisodes(all.Where(e => e.StartDate <= last && (e.EndDate is null || e.EndDate >= StabilityMeasures.HistoryFrom(first))));
        Assert.True(window.OnEach(dates).Count() == dates.Count && all.Count > window.OnEach([last]).Single().Open.Count);

        var each = StabilityMeasures.CalculateEach(dates, window, births);
        var fostering = new Dictionary<int, FosterSufficiencyResult>();
        foreach (var (index, date, open) in window.OnEach(dates)) fostering[index] = FosterSufficiency.Calculate(date, open);

        for (var i = 0; i < dates.Count; i++)
        {
            Assert.Equal(StabilityMeasures.Calculate(dates[i], all, births), each[i]);
            Assert.Equal(FosterSufficiency.Calculate(dates[i], all), fostering[i]);
        }
        // The example exercises every count: without long-term stable children it would not test the history's bound.
        Assert.Contains(each, r => r.LongTermSamePlacement > 0 && r.LongTermEligible > r.LongTermSamePlacement && r.WithThreeOrMorePlacements > 0);
    }
}
