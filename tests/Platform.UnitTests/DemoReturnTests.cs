using System.Globalization;
using Platform.Placements.Application;
using Platform.Placements.Domain;
using Platform.Placements.Domain.Ssda903;
using Platform.Tools.DemoLoader;
using Xunit.Abstractions;

namespace Platform.UnitTests;

/// <summary>
/// The demo's SSDA903 return (tools/DemoLoader): the seed figures hold by construction, the fixed seed repeats the return
/// exactly, and the generated tables pass the 903 rules the import applies.
/// </summary>
public sealed class DemoReturnTests(ITestOutputHelper output)
{
    private static readonly Ssda903DemoReturn Generated = Ssda903DemoReturn.Generate();

    private static int LookedAfterOn(Ssda903DemoReturn generated, DateOnly day) =>
        generated.Episodes.Where(e => e.Start <= day && (e.End is null || e.End > day)).Select(e => e.Child).Distinct().Count();

    [Fact]
    public void The_return_has_890_children_looked_after_on_1_April_2018_and_982_on_31_March_2019()
    {
        Assert.Equal(890 + 380, Generated.Episodes.Select(e => e.Child).Distinct().Count());
        Assert.Equal(890, LookedAfterOn(Generated, new DateOnly(2018, 4, 1)));
        Assert.Equal(982, LookedAfterOn(Generated, new DateOnly(2019, 3, 31)));
        // 380 start during the year; 248 of those carried in and the 40 short stays cease in it.
        var firstEpisodes = Generated.Episodes.GroupBy(e => e.Child).Select(g => g.First()).ToList();
        Assert.Equal(380, firstEpisodes.Count(e => e.Start >= Ssda903DemoReturn.YearStart && e.ReasonForNewEpisode == "S"));
        var lastEpisodes = Generated.Episodes.GroupBy(e => e.Child).Select(g => g.Last()).ToList();
        Assert.Equal(248 + 40, lastEpisodes.Count(e => e.End is not null));
        Assert.All(lastEpisodes.Where(e => e.End is not null), e => Assert.InRange(e.End!.Value, Ssda903DemoReturn.YearStart, Ssda903DemoReturn.YearEnd));
    }

    [Fact]
    public void The_same_seed_gives_the_same_return_and_another_seed_a_different_one()
    {
        var again = Ssda903DemoReturn.Generate();
        Assert.Equal(Generated.HeaderCsv(), again.HeaderCsv());
        Assert.Equal(Generated.EpisodesCsv(), again.EpisodesCsv());
        Assert.Equal(Generated.UascCsv(), again.UascCsv());
        var other = Ssda903DemoReturn.Generate(seed: 7);
        Assert.NotEqual(Generated.EpisodesCsv(), other.EpisodesCsv());
        // The seed figures do not depend on the draws.
        Assert.Equal(890, LookedAfterOn(other, new DateOnly(2018, 4, 1)));
        Assert.Equal(982, LookedAfterOn(other, new DateOnly(2019, 3, 31)));
    }

    [Fact]
    public void About_one_child_in_ten_looked_after_on_31_March_2019_had_three_or_more_placements_in_the_year()
    {
        var episodes = Generated.Episodes.Select(e => new EpisodeSpan(e.Child, e.Start, e.End, e.ReasonForNewEpisode, e.LegalStatus, e.Place, e.PlacementProvider));
        var born = Generated.Episodes.DistinctBy(e => e.Child).ToDictionary(e => e.Child, e => e.DateOfBirth);
        var stability = StabilityMeasures.Calculate(Ssda903DemoReturn.CollectionYear, episodes, born);
        Assert.Equal(982, stability.ChildrenLookedAfter);
        output.WriteLine($"{stability.WithThreeOrMorePlacements} of {stability.ChildrenLookedAfter} ({stability.ThreeOrMorePlacementsPercent}%) had three or more placements");
        Assert.InRange(stability.ThreeOrMorePlacementsPercent!.Value, 7m, 15m);
    }

    [Fact]
    public void The_generated_tables_pass_the_903_rules_of_the_import()
    {
        var children = new Dictionary<string, ChildReturn>();
        AddRows(children, Ssda903Tables.Header, Generated.HeaderCsv());
        AddRows(children, Ssda903Tables.Episodes, Generated.EpisodesCsv());
        AddRows(children, Ssda903Tables.Uasc, Generated.UascCsv());
        Assert.Equal(1270, children.Count);
        Assert.Contains(Generated.Episodes, e => e.Uasc);

        var validator = new Ssda903Validator(Ssda903DemoReturn.CollectionYear, Ssda903Returns.DefaultLocalAuthority, postcodesLoaded: false);
        var findings = children.Values.SelectMany(validator.Validate).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings.Take(20).Select(f => $"{f.Rule} {f.Child} {f.Table} row {f.Row}: {f.Message}")));
    }

    /// <summary>Reads one generated table as the import stages it: columns by header, codes normalised, rows numbered as in the file.</summary>
    private static void AddRows(Dictionary<string, ChildReturn> children, TableDefinition table, string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(table.Columns, lines[0].Split(','));
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            Assert.Equal(table.Columns.Count, fields.Length);
            var row = new Ssda903Row(table, i + 1, table.Columns.Select((c, k) => Ssda903Row.Normalise(c, fields[k])).ToArray());
            var child = row.Child!;
            if (!children.TryGetValue(child, out var childReturn)) children[child] = childReturn = new ChildReturn(child);
            childReturn.Add(row);
        }
        Assert.True(lines.Length > 1 || table == Ssda903Tables.Uasc, string.Create(CultureInfo.InvariantCulture, $"{table.Name} has rows"));
    }
}
