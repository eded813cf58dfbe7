using System.Net;
using System.Net.Http.Json;

namespace Platform.Tests.Placements;

/// <summary>
/// Placements indicators on a worked example. It lives in the 2005-06 collection year (1 April 2005 – 31 March 2006),
/// which no other test uses, so the counts are exactly this example's.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class PlacementsIndicatorsTests(PlatformFixture platform)
{
    private sealed record PopulationDto(DateOnly AsAt, int ChildrenLookedAfter, int? Under18Population, decimal? RatePer10000, decimal? EnglandRatePer10000, decimal? StatisticalNeighbourRatePer10000);

    private sealed record FlowDto(int Started, int Ceased);

    private sealed record MonthFlowDto(DateOnly From, DateOnly To, int Started, int Ceased);

    private sealed record FosterDto(int InFosterPlacements, int WithOwnProvision, decimal? OwnProvisionPercent);

    private sealed record MeasureDto(decimal? Value);

    private async Task InspectionsAgreeAsync(string date, params (string Measure, decimal? Owner)[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var shown = new List<(string, decimal?)>();
            foreach (var (measure, _) in expected)
            {
                shown.Add((measure, (await (await platform.Gateway.GetAsync($"/api/inspections/indicators/measures/{measure}?asAt={date}")).ReadAsync<MeasureDto>()).Value));
            }
            if (shown.SequenceEqual(expected) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, shown);
                return;
            }
            await Task.Delay(200);
        }
    }

    private sealed record StabilityDto(int ChildrenLookedAfter, int WithThreeOrMorePlacements, decimal? ThreeOrMorePlacementsPercent, int LongTermEligible, int LongTermSamePlacement, decimal? LongTermStabilityPercent);

    [Fact]
    public async Task Three_plus_placements_long_term_stability_and_the_rate_per_10000_on_a_worked_example()
    {
        // A: starts 1 May 2005 in foster care, moves 1 Aug 2005, moves again 1 Dec 2005 → 3 placements in the year.
        var a = await ChildAsync("2001-02-01");
        await EpisodeAsync(a, "2005-05-01", "S", "C1", "U6", "PR1");
        await EpisodeAsync(a, "2005-08-01", "P", "C1", "U4", "PR4", "CARPL");
        await EpisodeAsync(a, "2005-12-01", "P", "C2", "K2", "PR4", "CREQB");
        // B: looked after since 1 Jun 2003 (2 years 10 months at 31 Mar 2006), same foster home throughout; the legal
        //    status changed on 10 Jan 2004 (RNE L), which is not a new placement → 1 placement, long-term stable.
        var b = await ChildAsync("2000-06-15");
        await EpisodeAsync(b, "2003-06-01", "S", "C1", "U4", "PR1");
        await EpisodeAsync(b, "2004-01-10", "L", "C2", "U4", "PR1");
        // C: looked after since 1 Sep 2003 (2 years 7 months: eligible), but moved on 1 Sep 2004 (1 year 7 months in
        //    the current placement: not long-term stable) → 1 placement in the year.
        var c = await ChildAsync("1999-11-20");
        await EpisodeAsync(c, "2003-09-01", "S", "C2", "U6", "PR1");
        await EpisodeAsync(c, "2004-09-01", "P", "C2", "U4", "PR1", "CARPL");
        // D: starts 1 Oct 2005, moves 10 Jan 2006 → 2 placements.
        var d = await ChildAsync("2004-01-05");
        await EpisodeAsync(d, "2005-10-01", "S", "V2", "U6", "PR1");
        await EpisodeAsync(d, "2006-01-10", "P", "C1", "U4", "PR1", "CARPL");
        // E: starts 1 Jun 2005, goes home 1 Feb 2006 → a start and a cease, not looked after at 31 March.
        var e = await ChildAsync("2002-03-03");
        await EpisodeAsync(e, "2005-06-01", "S", "V2", "U6", "PR1");
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{e}/cease", new { endDate = "2006-02-01", reasonEpisodeCeased = "E4A" })).StatusCode);
        // F: short breaks only (LS V3) → left out of every count.
        var f = await ChildAsync("2003-08-08");
        await EpisodeAsync(f, "2006-03-01", "S", "V3", "U6", "PR1");

        // Under-18 population 20,000 in 2005-06; England and statistical neighbours loaded as reference data.
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PutAsJsonAsync("/api/placements/reference/under-18-population", new { collectionYear = 2005, under18Population = 20_000 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PutAsJsonAsync("/api/placements/reference/comparator-rates", new { collectionYear = 2005, englandRatePer10000 = 55m, statisticalNeighbourRatePer10000 = 80.5m })).StatusCode);

        // Looked after on 31 March 2006: A, B, C, D = 4 (E went home, F is on short breaks).
        // Rate per 10,000 = 4 / 20,000 × 10,000 = 2.0.
        var population = await (await platform.Gateway.GetAsync("/api/placements/indicators/care-population?asAt=2006-03-31")).ReadAsync<PopulationDto>();
        Assert.Equal(4, population.ChildrenLookedAfter);
        Assert.Equal(20_000, population.Under18Population);
        Assert.Equal(2.0m, population.RatePer10000);
        Assert.Equal(55m, population.EnglandRatePer10000);
        Assert.Equal(80.5m, population.StatisticalNeighbourRatePer10000);

        // Starts in 2005-06: A, D, E = 3 (F's short breaks excluded); ceases: E = 1.
        var flow = await (await platform.Gateway.GetAsync("/api/placements/indicators/flow?from=2005-04-01&to=2006-03-31")).ReadAsync<FlowDto>();
        Assert.Equal((3, 1), (flow.Started, flow.Ceased));

        // 3+ placements: A only → 1 of 4 = 25.0%.
        // Long-term: under 16 and looked after 2.5+ years (since 30 Sep 2003 or earlier): B, C → 2; same placement
        // 2+ years (since 31 Mar 2004 or earlier): B → 1 of 2 = 50.0%.
        var stability = await (await platform.Gateway.GetAsync("/api/placements/indicators/stability?year=2005")).ReadAsync<StabilityDto>();
        Assert.Equal(4, stability.ChildrenLookedAfter);
        Assert.Equal(1, stability.WithThreeOrMorePlacements);
        Assert.Equal(25.0m, stability.ThreeOrMorePlacementsPercent);
        Assert.Equal(2, stability.LongTermEligible);
        Assert.Equal(1, stability.LongTermSamePlacement);
        Assert.Equal(50.0m, stability.LongTermStabilityPercent);

        // The same definition for the twelve months to any date: at 31 March it is the collection year's.
        var asAt = await (await platform.Gateway.GetAsync("/api/placements/indicators/stability?asAt=2006-03-31")).ReadAsync<StabilityDto>();
        Assert.Equal(stability, asAt);
        // Foster placements on 31 March: B, C and D (U4, the council's own carers, PR1); A is in K2 → 3 of 3.
        var fostering = await (await platform.Gateway.GetAsync("/api/placements/indicators/foster-sufficiency?asAt=2006-03-31")).ReadAsync<FosterDto>();
        Assert.Equal((3, 3, 100.0m), (fostering.InFosterPlacements, fostering.WithOwnProvision, fostering.OwnProvisionPercent));

        // The monthly series (one request for a chart of the year) give each month what the single-date indicators give.
        var monthlyFlow = await (await platform.Gateway.GetAsync("/api/placements/indicators/flow/monthly?from=2005-04-01&to=2006-03-31")).ReadAsync<List<MonthFlowDto>>();
        Assert.Equal(12, monthlyFlow.Count);
        Assert.Equal((3, 1), (monthlyFlow.Sum(m => m.Started), monthlyFlow.Sum(m => m.Ceased)));
        foreach (var month in monthlyFlow)
        {
            var single = await (await platform.Gateway.GetAsync($"/api/placements/indicators/flow?from={month.From:yyyy-MM-dd}&to={month.To:yyyy-MM-dd}")).ReadAsync<FlowDto>();
            Assert.Equal((single.Started, single.Ceased), (month.Started, month.Ceased));
        }
        var monthlyPopulation = await (await platform.Gateway.GetAsync("/api/placements/indicators/care-population/monthly?from=2005-04-01&to=2006-03-31")).ReadAsync<List<PopulationDto>>();
        Assert.Equal(12, monthlyPopulation.Count);
        Assert.Equal(population, monthlyPopulation[^1]);
        foreach (var point in monthlyPopulation)
        {
            Assert.Equal(await (await platform.Gateway.GetAsync($"/api/placements/indicators/care-population?asAt={point.AsAt:yyyy-MM-dd}")).ReadAsync<PopulationDto>(), point);
        }
        var tooLong = await platform.Gateway.GetAsync("/api/placements/indicators/flow/monthly?from=2000-04-01&to=2006-03-31");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("\"to\"", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Inspections shows what Placements publishes, on every date of the year (board = owner's API).
        foreach (var date in new[] { "2005-06-30", "2005-09-30", "2005-12-31", "2006-02-15", "2006-03-31" })
        {
            var owner = await (await platform.Gateway.GetAsync($"/api/placements/indicators/care-population?asAt={date}")).ReadAsync<PopulationDto>();
            var ownerStability = await (await platform.Gateway.GetAsync($"/api/placements/indicators/stability?asAt={date}")).ReadAsync<StabilityDto>();
            var ownerFostering = await (await platform.Gateway.GetAsync($"/api/placements/indicators/foster-sufficiency?asAt={date}")).ReadAsync<FosterDto>();
            await InspectionsAgreeAsync(date, ("children-looked-after", owner.ChildrenLookedAfter), ("cla-rate-per-10000", owner.RatePer10000),
                ("three-plus-placements", ownerStability.ThreeOrMorePlacementsPercent), ("foster-own-provision", ownerFostering.OwnProvisionPercent));
        }

        // Setting the population announced the 31 March figure with its rate.
        var changed = await platform.WaitForPlacementsEventAsync("CarePopulationChanged", "payload->>'asAt' = '2006-03-31'");
        Assert.Equal(4, changed.GetProperty("childrenLookedAfter").GetInt32());
        Assert.Equal(2.0m, changed.GetProperty("ratePer10000").GetDecimal());
    }

    private sealed record ComparisonYearDto(int CollectionYear, DateOnly AsAt, int ChildrenLookedAfter, decimal? RatePer10000, decimal? EnglandRatePer10000,
        decimal? StatisticalNeighbourRatePer10000, decimal? GrowthPercent, decimal? EnglandGrowthPercent);

    private sealed record ComparisonDto(DateOnly AsAt, IReadOnlyList<ComparisonYearDto> Years);

    [Fact]
    public async Task Growth_of_the_care_population_against_England_is_the_change_of_each_rate_from_one_31_March_to_the_next()
    {
        // Collection years 2000-01 and 2001-02. Another test's 903 round trip may hold children on those dates, so the
        // counts are taken before this test's children are added: two more on 31 March 2001, three more on 31 March 2002.
        async Task<int> CountOn(string date) => (await (await platform.Gateway.GetAsync($"/api/placements/indicators/care-population?asAt={date}")).ReadAsync<PopulationDto>()).ChildrenLookedAfter;
        var (before2001, before2002) = (await CountOn("2001-03-31"), await CountOn("2002-03-31"));
        foreach (var start in new[] { "2000-05-01", "2000-06-01", "2001-05-01" })
        {
            var child = await ChildAsync("1995-01-01");
            await EpisodeAsync(child, start, "S", "C2", "U4", "PR1");
            // Home in June 2002, so no later year (another test's) counts these children.
            Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/cease", new { endDate = "2002-06-01", reasonEpisodeCeased = "E4A" })).StatusCode);
        }
        foreach (var year in new[] { 2000, 2001 })
        {
            Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PutAsJsonAsync("/api/placements/reference/under-18-population", new { collectionYear = year, under18Population = 10_000 })).StatusCode);
        }
        // 2000-01: England only (the neighbours' rate may be unknown); 2001-02: both.
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PutAsJsonAsync("/api/placements/reference/comparator-rates", new { collectionYear = 2000, englandRatePer10000 = 50m })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PutAsJsonAsync("/api/placements/reference/comparator-rates", new { collectionYear = 2001, englandRatePer10000 = 55m, statisticalNeighbourRatePer10000 = 70m })).StatusCode);

        var comparison = await (await platform.Gateway.GetAsync("/api/placements/indicators/comparison?asAt=2002-03-31")).ReadAsync<ComparisonDto>();
        var years = comparison.Years.Where(y => y.CollectionYear is 2000 or 2001).ToList();
        // With 10,000 under-18s the rate per 10,000 is the count; with no other children it is 2.0 → 3.0, a growth of
        // 50.0 %. England's 50 → 55 is 10.0 %.
        var (count2001, count2002) = (before2001 + 2, before2002 + 3);
        Assert.Equal(
        [
            new ComparisonYearDto(2000, new DateOnly(2001, 3, 31), count2001, count2001, 50m, null, null, null),
            new ComparisonYearDto(2001, new DateOnly(2002, 3, 31), count2002, count2002, 55m, 70m,
                decimal.Round((count2002 - count2001) * 100m / count2001, 1, MidpointRounding.AwayFromZero), 10.0m),
        ], years);
        // Each year's figures are the care-population indicator's on that 31 March: one figure, one value.
        var indicator = await (await platform.Gateway.GetAsync("/api/placements/indicators/care-population?asAt=2002-03-31")).ReadAsync<PopulationDto>();
        Assert.Equal((indicator.ChildrenLookedAfter, indicator.RatePer10000, indicator.EnglandRatePer10000), (years[1].ChildrenLookedAfter, years[1].RatePer10000, years[1].EnglandRatePer10000));

        // A date before 31 March 2002 shows only the years that have ended by it.
        var earlier = await (await platform.Gateway.GetAsync("/api/placements/indicators/comparison?asAt=2002-03-30")).ReadAsync<ComparisonDto>();
        Assert.DoesNotContain(earlier.Years, y => y.CollectionYear == 2001);
        Assert.Contains(earlier.Years, y => y.CollectionYear == 2000);

        var missing = await platform.Gateway.GetAsync("/api/placements/indicators/comparison");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("asAt", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_date_an_episode_ending_on_it_no_longer_counts_one_starting_on_it_does_and_a_child_moving_on_it_counts_once()
    {
        // September 2007. Earlier tests' children still open then are counted too, so each figure is taken before this
        // test's children are added and compared as a difference.
        async Task<PopulationDto> Population(string date) => await (await platform.Gateway.GetAsync($"/api/placements/indicators/care-population?asAt={date}")).ReadAsync<PopulationDto>();
        async Task<FlowDto> Flow(string from, string to) => await (await platform.Gateway.GetAsync($"/api/placements/indicators/flow?from={from}&to={to}")).ReadAsync<FlowDto>();
        async Task<FosterDto> Fostering(string date) => await (await platform.Gateway.GetAsync($"/api/placements/indicators/foster-sufficiency?asAt={date}")).ReadAsync<FosterDto>();
        async Task<StabilityDto> Stability(string date) => await (await platform.Gateway.GetAsync($"/api/placements/indicators/stability?asAt={date}")).ReadAsync<StabilityDto>();
        var before = (Eve: (await Population("2007-08-31")).ChildrenLookedAfter, Day: (await Population("2007-09-01")).ChildrenLookedAfter,
            DayFlow: await Flow("2007-09-01", "2007-09-01"), RestFlow: await Flow("2007-09-02", "2007-09-30"), Fostering: await Fostering("2007-09-01"));

        // G: in foster care with the council's carers from 1 May, moves on 1 September to an agency's carers (one
        //    episode ends and the next starts that day), still there.
        var g = await ChildAsync("1999-02-01");
        await EpisodeAsync(g, "2007-05-01", "S", "C2", "U4", "PR1");
        await EpisodeAsync(g, "2007-09-01", "P", "C2", "U6", "PR4", "CARPL");
        // H: from 1 June, goes home on 1 September.
        var h = await ChildAsync("2000-03-01");
        await EpisodeAsync(h, "2007-06-01", "S", "C2", "U4", "PR1");
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{h}/cease", new { endDate = "2007-09-01", reasonEpisodeCeased = "E4A" })).StatusCode);
        // I: comes into care on 1 September with the council's carers, still there.
        var i = await ChildAsync("2001-04-01");
        await EpisodeAsync(i, "2007-09-01", "S", "C2", "U4", "PR1");
        // J: in a children's home from 10 April, goes home on 2 September.
        var j = await ChildAsync("1997-07-07");
        await EpisodeAsync(j, "2007-04-10", "S", "C2", "K2", "PR4");
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{j}/cease", new { endDate = "2007-09-02", reasonEpisodeCeased = "E4A" })).StatusCode);

        // 31 August: G, H, J. 1 September: G once (its first episode ended that day, its second began), I (began), J;
        // not H (went home that day).
        Assert.Equal(before.Eve + 3, (await Population("2007-08-31")).ChildrenLookedAfter);
        var day = await Population("2007-09-01");
        Assert.Equal(before.Day + 3, day.ChildrenLookedAfter);
        // The flow's dates are inclusive: on 1 September I started (G's move is no start) and H ceased (G's move, REC
        // X1, is no cease); later in September J ceased.
        var dayFlow = await Flow("2007-09-01", "2007-09-01");
        Assert.Equal((before.DayFlow.Started + 1, before.DayFlow.Ceased + 1), (dayFlow.Started, dayFlow.Ceased));
        var restFlow = await Flow("2007-09-02", "2007-09-30");
        Assert.Equal((before.RestFlow.Started, before.RestFlow.Ceased + 1), (restFlow.Started, restFlow.Ceased));
        // Foster placements on 1 September: G's new one (PR4) and I's (PR1); G's first (PR1) ended that day.
        var fostering = await Fostering("2007-09-01");
        Assert.Equal((before.Fostering.InFosterPlacements + 2, before.Fostering.WithOwnProvision + 1), (fostering.InFosterPlacements, fostering.WithOwnProvision));
        // The stability measures count the same children.
        Assert.Equal(day.ChildrenLookedAfter, (await Stability("2007-09-01")).ChildrenLookedAfter);

        // Inspections shows what Placements publishes for those dates.
        foreach (var date in new[] { "2007-08-31", "2007-09-01", "2007-09-02" })
        {
            var owner = await Population(date);
            await InspectionsAgreeAsync(date, ("children-looked-after", owner.ChildrenLookedAfter), ("cla-rate-per-10000", owner.RatePer10000),
                ("three-plus-placements", (await Stability(date)).ThreeOrMorePlacementsPercent), ("foster-own-provision", (await Fostering(date)).OwnProvisionPercent));
        }
    }

    private async Task<string> ChildAsync(string dateOfBirth) => await platform.RegisterPlacementsChildAsync(dateOfBirth);

    private async Task EpisodeAsync(string child, string startDate, string rne, string ls, string place, string provider, string? reasonForPlacementChange = null)
    {
        var response = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate, reasonForNewEpisode = rne, legalStatus = ls, categoryOfNeed = "N1", placementType = place, placementProvider = provider,
            reasonForPlacementChange,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
