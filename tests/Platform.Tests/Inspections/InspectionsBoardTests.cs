using MassTransit;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts.Finance.V1;
using static Platform.Tests.Inspections.InspectionsImprovementTests;

namespace Platform.Tests.Inspections;

/// <summary>The improvement board: a past date shows the story as it stood then; a new event invalidates the Redis cache.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class InspectionsBoardTests(PlatformFixture platform)
{
    private static readonly string[] Findings = ["Caseloads in excess of 100 children for some workers", "A recurring overspend of about £8m"];

    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task The_board_for_a_past_date_shows_the_judgement_overdue_actions_directions_in_force_deadlines_and_the_review_as_they_stood()
    {
        var area = Unique("AFI");
        await CreateInspectionAsync(Gateway, area);
        var action = (string)(await Json(await Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title = "Caseloads reduced to a manageable level", ownerRole = "assistant-director", dueOn = "2019-05-31", raisedOn = "2019-04-01",
        })))["id"]!;
        var (may, november) = await CreateDirectionsAsync(Gateway, Unique("BRD"));
        var commissioner = await Json(await Gateway.PostAsJsonAsync("/api/inspections/commissioners", new
        {
            name = "Children's services commissioner (demo)", role = "commissioner", appointedOn = "2019-05-16", directionId = may,
        }));
        var review = await Json(await Gateway.PostAsJsonAsync($"/api/inspections/commissioners/{commissioner["id"]}/reviews", new
        {
            startedOn = "2019-05-20", reportDueOn = "2019-09-09", publishedOn = "2019-10-31", recommendation = "remain-with-council-with-support",
            findings = Findings,
        }));

        var june = await Json(await Gateway.GetAsync("/api/inspections/board?asAt=2019-06-01"));
        Assert.Equal("2019-06-01", (string?)june["asAt"]);
        Assert.Equal("inadequate", (string?)june["latestInspection"]!["overallEffectiveness"]);
        var boardArea = june["areas"]!.AsArray().Single(a => (string?)a!["code"] == area)!;
        Assert.Equal("overdue", (string?)boardArea["actions"]![0]!["status"]);
        Assert.Contains(june["overdueActions"]!.AsArray(), a => (string?)a!["id"] == action);
        var inForce = june["directionsInForce"]!.AsArray().Select(d => (string?)d!["id"]).ToList();
        Assert.Contains(may, inForce);
        Assert.DoesNotContain((string?)november["id"], inForce);
        Assert.Contains(june["upcomingDeadlines"]!.AsArray(), d => (string?)d!["dueOn"] == "2019-09-09" && (int)d["daysRemaining"]! == 100);
        // The review had started but was not published yet: no recommendation on 1 June.
        Assert.Equal((string?)review["id"], (string?)june["lastCommissionerReview"]!["id"]);
        Assert.Null(june["lastCommissionerReview"]!["recommendation"]);

        var november5 = await Json(await Gateway.GetAsync("/api/inspections/board?asAt=2019-11-05"));
        inForce = november5["directionsInForce"]!.AsArray().Select(d => (string?)d!["id"]).ToList();
        Assert.Contains((string?)november["id"], inForce);
        Assert.DoesNotContain(may, inForce);
        Assert.Contains(november5["upcomingDeadlines"]!.AsArray(), d => (string?)d!["dueOn"] == "2020-01-31" && (int)d["daysRemaining"]! == 87);
        Assert.Equal("remain-with-council-with-support", (string?)november5["lastCommissionerReview"]!["recommendation"]);
        Assert.Equal(2, november5["lastCommissionerReview"]!["findings"]!.AsArray().Count);

        // Before the report was published there was no judgement on the board.
        var february = await Json(await Gateway.GetAsync("/api/inspections/board?asAt=2019-02-20"));
        Assert.DoesNotContain(february["areas"]!.AsArray(), a => (string?)a!["code"] == area);
    }

    [Fact]
    public async Task A_published_measure_invalidates_the_cached_board()
    {
        var code = Unique("OVS");
        await Json(await Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code, name = "Forecast overspend", measure = "forecast-overspend", target = 0m, tolerance = 1_000_000m,
        }));
        // Financial year 2093-94: no other test uses it.
        const int year = 2093;
        const string asAt = "2094-02-01";

        // Served from Redis the second time, once nothing else is changing.
        var cached = await EventuallyAsync(async () =>
        {
            await Json(await Gateway.GetAsync($"/api/inspections/board?asAt={asAt}"));
            var again = await Json(await Gateway.GetAsync($"/api/inspections/board?asAt={asAt}"));
            return (bool)again["fromCache"]! ? again : null;
        });
        Assert.Equal("no-data", (string?)Indicator(cached, code)["status"]);

        // Through Finance, the owner: a £100m budget and £108m forecast for the year.
        var costCentre = await platform.CreateCostCentreAsync("OVS");
        await platform.SetBudgetAsync(year, costCentre, "social-work", 100_000_000m);
        (await Gateway.PostAsJsonAsync("/api/finance/adjustments", new
        {
            financialYear = year, budgetLineCode = "social-work", amount = 108_000_000m, reason = "Expected demand", asAt = "2093-06-30",
        })).EnsureSuccessStatusCode();

        var fresh = await EventuallyAsync(async () =>
        {
            var board = await Json(await Gateway.GetAsync($"/api/inspections/board?asAt={asAt}"));
            return (decimal?)Indicator(board, code)["value"] == 8_000_000m ? board : null;
        });
        Assert.False((bool)fresh["fromCache"]!);
        Assert.Equal("red", (string?)Indicator(fresh, code)["status"]);
        var finance = await Json(await Gateway.GetAsync($"/api/finance/forecast?financialYear={year}"));
        Assert.Equal((decimal?)finance["forecastOverspend"], (decimal?)Indicator(fresh, code)["value"]);

        var detail = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{code}?asAt={asAt}"));
        Assert.Contains(detail["statusChanges"]!.AsArray(), c => (string?)c!["previousStatus"] == "no-data" && (string?)c["status"] == "red");
    }

    private static JsonNode Indicator(JsonNode board, string code) => board["indicators"]!.AsArray().Single(i => (string?)i!["code"] == code)!;
}
