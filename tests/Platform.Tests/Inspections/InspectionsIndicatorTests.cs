using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Platform.Tests.Inspections.InspectionsImprovementTests;

namespace Platform.Tests.Inspections;

/// <summary>Indicators on the owners' published measures: the board shows the owner's value on every date.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class InspectionsIndicatorTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_post_changing_team_and_FTE_and_being_frozen_moves_it_on_the_board_as_Workforce_counts_it()
    {
        var teamA = Unique("PCA");
        var teamB = Unique("PCB");
        foreach (var team in new[] { teamA, teamB })
        {
            (await Gateway.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Assessment", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        }
        var filled = await PostAsync(teamA);
        var moved = await PostAsync(teamA);
        await Json(await Gateway.PostAsJsonAsync("/api/workforce/staff", new
        {
            teamCode = teamA, jobRole = "social-worker", employmentType = "employed", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = $"SW{Random.Shared.Next(10000, 99999)}", postId = filled, startDate = "2019-05-01",
        }));
        // PostChanged three times: 0.5 FTE from July, to team B from August, frozen from September.
        await Json(await Gateway.PostAsJsonAsync($"/api/workforce/posts/{moved}/changes", new { effectiveFrom = "2019-07-01", fte = 0.5m }));
        await Json(await Gateway.PostAsJsonAsync($"/api/workforce/posts/{moved}/changes", new { effectiveFrom = "2019-08-01", teamCode = teamB }));
        await Json(await Gateway.PostAsJsonAsync($"/api/workforce/posts/{moved}/freeze", new { effectiveFrom = "2019-09-01" }));

        var indicator = Unique("PCV");
        await EventuallyAsync(async () =>
        {
            var created = await Gateway.PostAsJsonAsync("/api/inspections/indicators", new
            {
                code = indicator, name = "Vacancy rate", measure = "vacancy-rate", teamCode = teamA, target = 10m, tolerance = 5m,
            });
            return created.IsSuccessStatusCode ? "created" : null;
        });

        // Vacant FTE over vacant plus in-post FTE, as Workforce's census KPIs count it.
        (string Date, decimal? A, decimal? B)[] expected =
        [
            ("2019-04-15", 100m, null),     // two empty posts in A
            ("2019-05-15", 50m, null),      // one filled
            ("2019-07-15", 33.33m, null),   // the empty one at 0.5 FTE: 0.5 / 1.5
            ("2019-08-15", 0m, 100m),       // moved to B
            ("2019-09-15", 0m, null),       // frozen: no longer in B's establishment
        ];
        foreach (var (date, a, b) in expected)
        {
            var kpis = await Json(await Gateway.GetAsync($"/api/workforce/kpis?asAt={date}"));
            Assert.Equal(a, WorkforceRate(kpis, teamA));
            Assert.Equal(b, WorkforceRate(kpis, teamB));
            await EventuallyAsync(async () =>
                await BoardValueAsync("vacancy-rate", teamA, date) == a && await BoardValueAsync("vacancy-rate", teamB, date) == b ? "same" : null);
        }
        var detail = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{indicator}?asAt=2019-07-15"));
        Assert.Equal(33.33m, (decimal?)detail["indicator"]!["value"]);
        Assert.Equal("red", (string?)detail["indicator"]!["status"]);
    }

    private async Task<Guid> PostAsync(string team) =>
        (Guid)(await Json(await Gateway.PostAsJsonAsync("/api/workforce/posts", new
        {
            teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 40_000m, budgetLineCode = "social-work", effectiveFrom = "2019-04-01",
        })))["id"]!;

    private static decimal? WorkforceRate(JsonNode kpis, string team) =>
        kpis["teams"]!.AsArray().FirstOrDefault(t => (string?)t!["teamCode"] == team)?["vacancyRateFte"] is { } rate ? (decimal)rate * 100 : null;

    private async Task<decimal?> BoardValueAsync(string measure, string team, string date) =>
        (decimal?)(await Json(await Gateway.GetAsync($"/api/inspections/indicators/measures/{measure}?teamCode={team}&asAt={date}")))["value"];

    [Fact]
    public async Task An_indicator_for_an_unknown_team_or_area_is_refused()
    {
        var response = await Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = Unique("X"), name = "Caseload", measure = "average-caseload", teamCode = Unique("NOTEAM"), areaCode = Unique("NOAREA"), target = 18m, tolerance = 4m,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("teamCode", body, StringComparison.Ordinal);
        Assert.Contains("areaCode", body, StringComparison.Ordinal);
    }
}
