using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Tests.Placements;

/// <summary>Placements: episodes end with a reason, sequences stay contiguous, and every change is published.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class PlacementsEpisodeTests(PlatformFixture platform)
{
    private sealed record EpisodeDto(
        Guid Id, string ChildId, DateOnly StartDate, DateOnly? EndDate, string ReasonForNewEpisode, string PlacementType,
        decimal WeeklyCost, string? ReasonEpisodeCeased, string? ReasonForPlacementChange);

    private sealed record PageDto<T>(List<T> Items, int TotalCount);

    [Fact]
    public async Task A_gap_or_an_overlap_in_the_episode_sequence_is_rejected_with_the_field_and_903_rule()
    {
        var child = await platform.RegisterPlacementsChildAsync();
        await StartAsync(child, "2018-05-14", "S", "U6", "PR1");

        // A second period of care while the first is still open overlaps it.
        var overlapping = await TryStartAsync(child, "2018-06-01", "S", "U4", "PR4");
        await AssertRefusedAsync(overlapping, "reasonForNewEpisode", "142");

        // A move dated before the open episode started overlaps it.
        var backwards = await TryStartAsync(child, "2018-05-01", "P", "K2", "PR4", reasonForPlacementChange: "CARPL");
        await AssertRefusedAsync(backwards, "startDate", "501");

        var ceased = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/cease", new { endDate = "2018-08-01", reasonEpisodeCeased = "E4A" });
        Assert.Equal(HttpStatusCode.OK, ceased.StatusCode);

        // A continuation (RNE P) ten days after the period of care ended leaves a gap.
        var gap = await TryStartAsync(child, "2018-08-11", "P", "U6", "PR1");
        await AssertRefusedAsync(gap, "startDate", "433");

        // A new period of care starting before the previous one ended overlaps it.
        var overlapAfterCease = await TryStartAsync(child, "2018-07-20", "S", "U6", "PR1");
        await AssertRefusedAsync(overlapAfterCease, "startDate", "501");

        // A new period of care on the very day the last ended should have been a continuation.
        var sameDay = await TryStartAsync(child, "2018-08-01", "S", "U6", "PR1");
        await AssertRefusedAsync(sameDay, "reasonForNewEpisode", "431");

        var episodes = await EpisodesAsync(child);
        Assert.Single(episodes.Items);
        Assert.Equal("E4A", episodes.Items[0].ReasonEpisodeCeased);
    }

    [Fact]
    public async Task Invalid_end_codes_are_rejected_per_field()
    {
        var child = await platform.RegisterPlacementsChildAsync();
        await StartAsync(child, "2018-05-14", "S", "U6", "PR1");

        var badMove = await TryStartAsync(child, "2018-09-01", "P", "K2", "PR4", reasonForPlacementChange: "BORED");
        await AssertRefusedAsync(badMove, "reasonForPlacementChange", "not a valid code");

        // A reason for a placement change only applies when the placement changes (not for a legal status change, RNE L).
        var reasonWithoutMove = await TryStartAsync(child, "2018-09-01", "L", "U6", "PR1", reasonForPlacementChange: "CARPL");
        await AssertRefusedAsync(reasonWithoutMove, "reasonForPlacementChange", "225");

        var badCease = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/cease", new { endDate = "2018-09-01", reasonEpisodeCeased = "E99" });
        await AssertRefusedAsync(badCease, "reasonEpisodeCeased", "not a valid code");

        // X1 means a new episode begins the same day: it cannot end a period of care.
        var x1 = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/cease", new { endDate = "2018-09-01", reasonEpisodeCeased = "X1" });
        await AssertRefusedAsync(x1, "reasonEpisodeCeased", "388");

        // Adoption (E11) needs a placement for adoption (A3–A6), not foster care.
        var adopted = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/cease", new { endDate = "2018-09-01", reasonEpisodeCeased = "E11" });
        await AssertRefusedAsync(adopted, "reasonEpisodeCeased", "390");

        var ceaseBeforeStart = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/cease", new { endDate = "2018-05-01", reasonEpisodeCeased = "E4A" });
        await AssertRefusedAsync(ceaseBeforeStart, "endDate", "356");

        Assert.Null((await EpisodesAsync(child)).Items.Single().EndDate);
    }

    [Fact]
    public async Task A_move_closes_the_previous_episode_with_X1_and_the_reason_and_publishes_PlacementEnded()
    {
        var child = await platform.RegisterPlacementsChildAsync();
        var first = await StartAsync(child, "2018-05-14", "S", "U6", "PR1");
        var second = await StartAsync(child, "2018-11-02", "P", "K2", "PR4", reasonForPlacementChange: "CREQB");

        var episodes = await EpisodesAsync(child);
        Assert.Equal(2, episodes.TotalCount);
        Assert.Equal(new DateOnly(2018, 11, 2), episodes.Items[0].EndDate);
        Assert.Equal("X1", episodes.Items[0].ReasonEpisodeCeased);
        Assert.Equal("CREQB", episodes.Items[0].ReasonForPlacementChange);
        Assert.Null(episodes.Items[1].EndDate);

        var ended = await platform.WaitForPlacementsEventAsync("PlacementEnded", $"payload->>'episodeId' = '{first.Id}'");
        Assert.Equal("X1", ended.GetProperty("reasonEpisodeCeased").GetString());
        Assert.Equal("CREQB", ended.GetProperty("reasonForPlacementChange").GetString());
        Assert.Equal("2018-11-02", ended.GetProperty("endDate").GetString());
        await platform.WaitForPlacementsEventAsync("PlacementStarted", $"payload->>'episodeId' = '{second.Id}'");
        await platform.WaitForPlacementsEventAsync("ChildBecameLookedAfter", $"payload->>'childId' = '{child}'");
    }

    [Fact]
    public async Task A_placement_ending_publishes_PlacementEnded_EpisodeCeased_and_CarePopulationChanged()
    {
        var child = await platform.RegisterPlacementsChildAsync();
        var episode = await StartAsync(child, "2018-06-04", "S", "U4", "PR4");

        var response = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/cease", new { endDate = "2019-02-15", reasonEpisodeCeased = "E4A" });
        var ceased = await response.ReadAsync<EpisodeDto>();
        Assert.Equal(new DateOnly(2019, 2, 15), ceased.EndDate);

        // Dispatched to the broker (sent_at set), where Finance stops the placement's cost.
        var ended = await platform.WaitForPlacementsEventAsync("PlacementEnded", $"payload->>'episodeId' = '{episode.Id}'");
        Assert.Equal("E4A", ended.GetProperty("reasonEpisodeCeased").GetString());
        Assert.Equal("2019-02-15", ended.GetProperty("endDate").GetString());
        var cease = await platform.WaitForPlacementsEventAsync("EpisodeCeased", $"payload->>'episodeId' = '{episode.Id}'");
        Assert.Equal("E4A", cease.GetProperty("reasonEpisodeCeased").GetString());
        var population = await platform.WaitForPlacementsEventAsync("CarePopulationChanged", "payload->>'asAt' = '2019-02-15'");
        Assert.True(population.GetProperty("childrenLookedAfter").GetInt32() >= 0);

        // The period of care is over: ending it again conflicts.
        var again = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/cease", new { endDate = "2019-03-01", reasonEpisodeCeased = "E4A" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private async Task<EpisodeDto> StartAsync(string child, string startDate, string rne, string place, string? provider, string? reasonForPlacementChange = null)
    {
        var response = await TryStartAsync(child, startDate, rne, place, provider, reasonForPlacementChange);
        return await response.ReadAsync<EpisodeDto>();
    }

    private Task<HttpResponseMessage> TryStartAsync(string child, string startDate, string rne, string place, string? provider, string? reasonForPlacementChange = null) =>
        platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate, reasonForNewEpisode = rne, legalStatus = "C2", categoryOfNeed = "N1", placementType = place,
            placementProvider = provider, weeklyCost = 500m, reasonForPlacementChange,
        });

    private async Task<PageDto<EpisodeDto>> EpisodesAsync(string child) =>
        await (await platform.Gateway.GetAsync($"/api/placements/children/{child}/episodes")).ReadAsync<PageDto<EpisodeDto>>();

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), $"expected an error for '{field}' in {body}");
        Assert.Contains(expected, messages.ToString(), StringComparison.Ordinal);
    }
}
