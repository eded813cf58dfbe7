using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Tests.Placements;

/// <summary>Placements: foster carer capacity and the placement cost that Finance commits.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class PlacementsCarersAndCostTests(PlatformFixture platform)
{
    private sealed record CarerDto(Guid Id, string HouseholdReference, int ApprovedPlaces, DateOnly AsAt, int Capacity, int Occupancy, int SupportVisits, DateOnly? DeregisteredOn);

    private sealed record EpisodeDto(Guid Id, string ChildId, string PlacementType, string? PlacementProvider, decimal WeeklyCost, bool IsCostOverride, Guid? FosterCarerId);

    [Fact]
    public async Task Placing_a_child_with_a_full_foster_carer_is_refused_unless_an_exemption_is_recorded()
    {
        var reference = $"FC-{Random.Shared.Next(100_000, 999_999)}";
        var carer = await (await platform.Gateway.PostAsJsonAsync("/api/placements/foster-carers", new
        {
            householdReference = reference, approvedOn = "2017-09-01", approvedPlaces = 1, ageFrom = 0, ageTo = 17, isInHouse = true,
        })).ReadAsync<CarerDto>();
        Assert.Equal(1, carer.Capacity);
        await platform.WaitForPlacementsEventAsync("FosterCarerApproved", $"payload->>'fosterCarerId' = '{carer.Id}'");

        var first = await platform.RegisterPlacementsChildAsync();
        var placed = await PlaceAsync(first, carer.Id, "2018-06-01");
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        // One place, one child: a second child is refused and nothing is stored for them.
        var second = await platform.RegisterPlacementsChildAsync();
        var refused = await PlaceAsync(second, carer.Id, "2018-07-01");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(body))
        {
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("fosterCarerId", out _), body);
        }
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes", $"child_id = '{second}'"));

        // An exemption for siblings adds a place from 1 July: now the placement is accepted.
        var exempted = await platform.Gateway.PostAsJsonAsync($"/api/placements/foster-carers/{carer.Id}/exemptions", new { from = "2018-07-01", additionalPlaces = 1 });
        Assert.Equal(HttpStatusCode.Created, exempted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PlaceAsync(second, carer.Id, "2018-07-01")).StatusCode);

        var visit = await platform.Gateway.PostAsJsonAsync($"/api/placements/foster-carers/{carer.Id}/support-visits", new { visitedOn = "2018-07-15" });
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        var now = await (await platform.Gateway.GetAsync($"/api/placements/foster-carers/{carer.Id}?asAt=2018-08-01")).ReadAsync<CarerDto>();
        Assert.Equal((2, 2, 1), (now.Capacity, now.Occupancy, now.SupportVisits));

        // A household caring for children cannot be de-registered.
        var deregister = await platform.Gateway.PostAsJsonAsync($"/api/placements/foster-carers/{carer.Id}/deregister", new { deregisteredOn = "2018-09-01", reason = "resigned" });
        Assert.Equal(HttpStatusCode.Conflict, deregister.StatusCode);
    }

    [Fact]
    public async Task A_deregistered_foster_carer_publishes_FosterCarerDeregistered_and_takes_no_more_children()
    {
        var carer = await (await platform.Gateway.PostAsJsonAsync("/api/placements/foster-carers", new
        {
            householdReference = $"FC-{Random.Shared.Next(100_000, 999_999)}", approvedOn = "2016-01-10", approvedPlaces = 2, ageFrom = 5, ageTo = 12, isInHouse = false,
        })).ReadAsync<CarerDto>();
        var deregistered = await (await platform.Gateway.PostAsJsonAsync($"/api/placements/foster-carers/{carer.Id}/deregister",
            new { deregisteredOn = "2018-03-31", reason = "retired" })).ReadAsync<CarerDto>();
        Assert.Equal(0, deregistered.Capacity);
        var evt = await platform.WaitForPlacementsEventAsync("FosterCarerDeregistered", $"payload->>'fosterCarerId' = '{carer.Id}'");
        Assert.Equal("retired", evt.GetProperty("reason").GetString());

        var child = await platform.RegisterPlacementsChildAsync();
        var refused = await PlaceAsync(child, carer.Id, "2018-06-01");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("fosterCarerId", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_placement_costs_the_rate_card_rate_unless_overridden_and_both_reach_Finance_in_the_events()
    {
        // R3 (family centre) from PR5 (voluntary provider): a combination no other test prices.
        var rate = await platform.Gateway.PutAsJsonAsync("/api/placements/rate-card", new { placementType = "R3", placementProvider = "PR5", weeklyRate = 2_345.67m });
        Assert.Equal(HttpStatusCode.OK, rate.StatusCode);

        var child = await platform.RegisterPlacementsChildAsync();
        var episode = await (await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate = "2019-01-07", reasonForNewEpisode = "S", legalStatus = "V2", categoryOfNeed = "N4", placementType = "R3", placementProvider = "PR5",
        })).ReadAsync<EpisodeDto>();
        Assert.Equal(2_345.67m, episode.WeeklyCost);
        Assert.False(episode.IsCostOverride);
        var started = await platform.WaitForPlacementsEventAsync("PlacementStarted", $"payload->>'episodeId' = '{episode.Id}'");
        Assert.Equal(2_345.67m, started.GetProperty("weeklyCost").GetDecimal());

        var overridden = await (await platform.Gateway.PutAsJsonAsync($"/api/placements/children/{child}/episodes/{episode.Id}/weekly-cost",
            new { weeklyCost = 1_999m, effectiveFrom = "2019-02-01" })).ReadAsync<EpisodeDto>();
        Assert.True(overridden.IsCostOverride);
        var changed = await platform.WaitForPlacementsEventAsync("PlacementChanged", $"payload->>'episodeId' = '{episode.Id}'");
        Assert.Equal(1_999m, changed.GetProperty("weeklyCost").GetDecimal());
        Assert.Equal("2019-02-01", changed.GetProperty("effectiveFrom").GetString());

        // Without a provider-specific rate the placement type's seeded default applies (in-house fostering, U6).
        var other = await platform.RegisterPlacementsChildAsync();
        var fostered = await (await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{other}/episodes", new
        {
            startDate = "2019-01-07", reasonForNewEpisode = "S", legalStatus = "C2", categoryOfNeed = "N1", placementType = "U6", placementProvider = "PR1",
        })).ReadAsync<EpisodeDto>();
        Assert.Equal(450m, fostered.WeeklyCost);
    }

    private Task<HttpResponseMessage> PlaceAsync(string child, Guid carer, string startDate) =>
        platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate, reasonForNewEpisode = "S", legalStatus = "C2", categoryOfNeed = "N1", placementType = "U4", placementProvider = "PR1",
            fosterCarerId = carer,
        });
}
