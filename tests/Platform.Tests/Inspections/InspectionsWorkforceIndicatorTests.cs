using System.Net.Http.Json;
using System.Text.Json;
using static Platform.Tests.Inspections.InspectionsImprovementTests;

namespace Platform.Tests.Inspections;

/// <summary>
/// Indicators fed by the real Workforce service: cases allocated and released through Workforce's API move its census
/// caseload measures, which Workforce publishes and Inspections rates.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class InspectionsWorkforceIndicatorTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task Caseload_indicators_move_from_red_to_green_as_workforce_releases_cases()
    {
        await using var statusChanges = await EventListener.BindAsync("Platform.Contracts.Inspections.V1:IndicatorStatusChanged");
        var team = Unique("IW");
        (await Gateway.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Assessment", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        var first = await StartWorkerAsync(team);
        var second = await StartWorkerAsync(team);
        // February 2019: 26 and 24 cases, 25 per FTE, both over the default warning threshold of 20.
        for (var i = 0; i < 26; i++) await AllocateAsync(first, $"{team}-A{i}", "2019-02-01");
        for (var i = 0; i < 24; i++) await AllocateAsync(second, $"{team}-B{i}", "2019-02-01");

        // The team is known to Inspections once Workforce's events have arrived.
        var average = Unique("AVGCL");
        var overWarning = Unique("OVERCL");
        await EventuallyAsync(async () =>
        {
            var created = await Gateway.PostAsJsonAsync("/api/inspections/indicators", new
            {
                code = average, name = "Average caseload per FTE", measure = "average-caseload", teamCode = team, target = 18m, tolerance = 4m,
            });
            return created.IsSuccessStatusCode ? "created" : null;
        });
        await Json(await Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = overWarning, name = "Workers over the caseload warning threshold", measure = "caseload-over-threshold", teamCode = team, target = 0m, tolerance = 10m,
        }));

        var red = await EventuallyAsync(async () =>
        {
            var detail = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{average}?asAt=2019-03-01"));
            return (decimal?)detail["indicator"]!["value"] == 25m ? detail : null;
        });
        Assert.Equal("red", (string?)red["indicator"]!["status"]);

        // September 2019: 11 cases released by each worker: 15 and 13 cases, 14 per FTE, nobody over the threshold.
        for (var i = 0; i < 11; i++) await ReleaseAsync(first, $"{team}-A{i}", "2019-09-02");
        for (var i = 0; i < 11; i++) await ReleaseAsync(second, $"{team}-B{i}", "2019-09-02");

        var green = await EventuallyAsync(async () =>
        {
            var detail = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{average}?asAt=2019-10-01&from=2019-01-01"));
            return (decimal?)detail["indicator"]!["value"] == 14m ? detail : null;
        });
        Assert.Equal("green", (string?)green["indicator"]!["status"]);
        // Workforce publishes its measures for the releases' date as they stood when it last published (one release or
        // all of them), so the rating left red, perhaps through amber (18–22), for green.
        var changes = green["statusChanges"]!.AsArray().Select(c => ((string?)c!["previousStatus"], (string?)c["status"])).ToList();
        Assert.Equal("green", changes[^1].Item2);
        Assert.Contains(changes, c => c.Item1 == "red");
        // The time series keeps the story: red at the end of June, green at the end of September.
        var series = green["series"]!.AsArray();
        Assert.Equal("red", (string?)series.Single(p => (string?)p!["asAt"] == "2019-06-30")!["status"]);
        Assert.Equal("green", (string?)series.Single(p => (string?)p!["asAt"] == "2019-09-30")!["status"]);

        var share = await EventuallyAsync(async () =>
        {
            var detail = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{overWarning}?asAt=2019-10-01"));
            return (decimal?)detail["indicator"]!["value"] == 0m ? detail : null;
        });
        Assert.Equal("green", (string?)share["indicator"]!["status"]);
        var march = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{overWarning}?asAt=2019-03-01"));
        Assert.Equal(100m, (decimal?)march["indicator"]!["value"]);

        // IndicatorStatusChanged was published for the move to green.
        var (body, _) = await statusChanges.WaitForAsync(b => b.Contains(average, StringComparison.Ordinal)
            && JsonDocument.Parse(b).RootElement.GetProperty("message").GetProperty("status").GetString() == "green");
        var message = JsonDocument.Parse(body).RootElement.GetProperty("message");
        Assert.NotEqual("green", message.GetProperty("previousStatus").GetString());
        // Announced with a value at the target of 18 or below.
        Assert.InRange(decimal.Parse(message.GetProperty("value").ToString(), System.Globalization.CultureInfo.InvariantCulture), 14m, 18m);
    }

    private async Task<string> StartWorkerAsync(string team)
    {
        var worker = await Json(await Gateway.PostAsJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole = "social-worker", employmentType = "employed", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = $"SW{Random.Shared.Next(10000, 99999)}", startDate = "2019-01-07",
        }));
        return (string)worker["id"]!;
    }

    private async Task AllocateAsync(string worker, string reference, string on) =>
        await Json(await Gateway.PostAsJsonAsync($"/api/workforce/staff/{worker}/cases", new { caseReference = reference, allocatedOn = on }));

    private async Task ReleaseAsync(string worker, string reference, string on) =>
        await Json(await Gateway.PostAsJsonAsync($"/api/workforce/staff/{worker}/cases/{reference}/release", new { releasedOn = on }));
}
