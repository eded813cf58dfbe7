using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Tests.Placements;

/// <summary>Placements: children by pseudonymous 903 id, episodes with the official code lists.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class PlacementsSliceTests(PlatformFixture platform)
{
    private sealed record EpisodeDto(Guid Id, string ChildId, DateOnly StartDate, DateOnly? EndDate, string PlacementType, decimal WeeklyCost);

    private sealed record PageDto<T>(List<T> Items, int TotalCount);

    [Fact]
    public async Task Invalid_codes_are_rejected_per_field_and_nothing_is_stored()
    {
        var child = await RegisterChildAsync();
        // The child's own events only: the measure publisher and the ingest consumers add rows on their own schedule.
        var childEvents = $"payload->>'childId' = '{child}'";
        var outboxBefore = await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "outbox_messages", childEvents);

        var response = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate = "2019-01-10", reasonForNewEpisode = "X", legalStatus = "W1", categoryOfNeed = "N9",
            placementType = "Q1", placementProvider = "PR9", weeklyCost = 450m,
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        var errors = problem.RootElement.GetProperty("errors");
        foreach (var field in new[] { "reasonForNewEpisode", "legalStatus", "categoryOfNeed", "placementType", "placementProvider" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}' in {body}");
        }
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes", $"child_id = '{child}'"));
        Assert.Equal(outboxBefore, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "outbox_messages", childEvents));
    }

    [Fact]
    public async Task A_placement_move_closes_the_previous_episode_and_an_earlier_start_is_refused()
    {
        var child = await RegisterChildAsync();
        var first = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate = "2018-05-14", reasonForNewEpisode = "S", legalStatus = "C1", categoryOfNeed = "N1",
            placementType = "U6", placementProvider = "PR1", postcodeDistrict = "ST4", weeklyCost = 450m,
        });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var backwards = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate = "2018-05-01", reasonForNewEpisode = "P", legalStatus = "C1", categoryOfNeed = "N1",
            placementType = "K2", placementProvider = "PR4", weeklyCost = 3_900m,
        });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("startDate", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A move needs the reason the placement changed (903 rule 225).
        var withoutReason = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate = "2018-11-02", reasonForNewEpisode = "P", legalStatus = "C1", categoryOfNeed = "N1",
            placementType = "K2", placementProvider = "PR4", weeklyCost = 3_900m,
        });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Contains("225", await withoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var move = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate = "2018-11-02", reasonForNewEpisode = "P", legalStatus = "C1", categoryOfNeed = "N1",
            placementType = "K2", placementProvider = "PR4", weeklyCost = 3_900m, reasonForPlacementChange = "CARPL",
        });
        Assert.Equal(HttpStatusCode.Created, move.StatusCode);

        var episodes = await (await platform.Gateway.GetAsync($"/api/placements/children/{child}/episodes")).ReadAsync<PageDto<EpisodeDto>>();
        Assert.Equal(2, episodes.TotalCount);
        Assert.Equal(new DateOnly(2018, 11, 2), episodes.Items[0].EndDate);
        Assert.Null(episodes.Items[1].EndDate);
        Assert.Equal("K2", episodes.Items[1].PlacementType);
        // Each started placement was queued for Finance and Inspections as PlacementStarted.
        Assert.Equal(2, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "outbox_messages",
            $"message_type = 'Platform.Contracts.Placements.V1.PlacementStarted' AND payload->>'childId' = '{child}'"));
    }

    private sealed record CommitmentDto(string Source, string BudgetLineCode, int FinancialYear, decimal Amount);

    [Fact]
    public async Task A_started_placement_becomes_a_finance_commitment_on_its_s251_line()
    {
        var child = await RegisterChildAsync();
        var episode = await (await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate = "2019-10-01", reasonForNewEpisode = "S", legalStatus = "V2", categoryOfNeed = "N4",
            placementType = "K2", placementProvider = "PR4", weeklyCost = 700m,
        })).ReadAsync<EpisodeDto>();

        // £700 a week from 1 October 2019 to 31 March 2020 (183 days): 700 × 183 / 7 = £18,300.
        CommitmentDto? commitment = null;
        for (var attempt = 0; attempt < 150 && commitment is null; attempt++)
        {
            var page = await (await platform.Gateway.GetAsync($"/api/finance/commitments?source=placement:{episode.Id}")).ReadAsync<PageDto<CommitmentDto>>();
            commitment = page.Items.SingleOrDefault();
            if (commitment is null) await Task.Delay(200);
        }
        Assert.NotNull(commitment);
        Assert.Equal("residential-care", commitment.BudgetLineCode);
        Assert.Equal(2019, commitment.FinancialYear);
        Assert.Equal(18_300.00m, decimal.Round(commitment.Amount, 2));
    }

    private async Task<string> RegisterChildAsync()
    {
        var child = $"C{Random.Shared.Next(100_000_000, 999_999_999)}";
        var response = await platform.Gateway.PostAsJsonAsync("/api/placements/children", new
        {
            childId = child, sex = "M", dateOfBirth = "2010-03-01", ethnicity = "WBRI", isUasc = false,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return child;
    }
}
