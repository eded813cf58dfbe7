using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Platform.Tests.Inspections.InspectionsImprovementTests;

namespace Platform.Tests.Web;

/// <summary>The board updates live from the Inspections service's events, and passes an axe-core accessibility check.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class WebLiveAndAccessibilityTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task A_workforce_change_updates_the_indicator_tile_on_an_open_board_without_a_reload()
    {
        // Far-future business dates: the post's cost lands in a financial year no Finance test looks at. Through Workforce's
        // API: one post, filled by a worker from 1 January 2071, so the team's vacancy rate is 0 %.
        var team = Unique("WLT");
        (await platform.Gateway.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Live board team", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        var post = (string)(await Json(await platform.Gateway.PostAsJsonAsync("/api/workforce/posts", new
        {
            teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 40_000m, budgetLineCode = "social-work", effectiveFrom = "2071-01-01",
        })))["id"]!;
        var worker = (string)(await Json(await platform.Gateway.PostAsJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole = "social-worker", employmentType = "employed", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = "SW71001", postId = post, startDate = "2071-01-01",
        })))["id"]!;
        await EventuallyAsync(async () =>
        {
            using var response = await platform.Gateway.GetAsync($"/api/inspections/indicators/measures/vacancy-rate?teamCode={team}&asAt=2071-03-01");
            return response.IsSuccessStatusCode && (decimal?)(await Json(response))["value"] == 0m ? "known" : null;
        });
        var code = Unique("VAC");
        await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code, name = $"Vacancy rate {team}", measure = "vacancy-rate", teamCode = team, target = 10m, tolerance = 5m,
        }));

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "improvement-lead", "web-live");
        await page.GotoAsync("/?asAt=2071-03-01");
        var tile = page.Locator($"[data-indicator='{code}']");
        await Assertions.Expect(tile.Locator("[data-testid=tile-value]")).ToHaveTextAsync("0% of FTE");
        await Assertions.Expect(tile.Locator("[data-testid=tile-rag]")).ToHaveTextAsync("Green: on target");
        await Assertions.Expect(page.Locator("#board")).ToHaveAttributeAsync("data-live-state", "open");
        await page.EvaluateAsync("() => { window.platformTestMarker = 'same page'; }");

        // The worker leaves on 1 February: the post is empty again, 100 % vacant.
        await Json(await platform.Gateway.PostAsJsonAsync($"/api/workforce/staff/{worker}/leave", new { leftOn = "2071-02-01", leavingReason = "resignation" }));

        await Assertions.Expect(tile.Locator("[data-testid=tile-value]")).ToHaveTextAsync("100% of FTE", new() { Timeout = 60_000 });
        await Assertions.Expect(tile.Locator("[data-testid=tile-rag]")).ToHaveTextAsync("Red: off target");
        // No reload: the page's script state survived the update.
        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.platformTestMarker"));
    }

    [Fact]
    public async Task The_board_has_no_serious_or_critical_accessibility_violations()
    {
        var area = Unique("WAX");
        await CreateInspectionAsync(platform.Gateway, area);
        await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title = $"Audit of assessments {area}", ownerRole = "head-of-service", dueOn = "2019-05-01", raisedOn = "2019-04-01",
        }));
        await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = Unique("WAXI"), name = "Children looked after", measure = "children-looked-after", areaCode = area, target = 800m, tolerance = 50m,
        }));

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "improvement-lead", "web-axe");
        await page.GotoAsync("/?asAt=2019-06-01");
        await Assertions.Expect(page.Locator($"[data-area='{area}']")).ToBeVisibleAsync();

        Assert.Empty(await SeriousViolationsAsync(page, "/?asAt=2019-06-01"));
    }

    [Fact]
    public async Task Every_other_page_has_no_serious_or_critical_accessibility_violations()
    {
        var area = Unique("WAY");
        await CreateInspectionAsync(platform.Gateway, area);
        var action = await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title = $"Practice framework {area}", ownerRole = "head-of-service", dueOn = "2019-09-01", raisedOn = "2019-04-01",
        }));
        await using var browser = await WebBrowser.LaunchAsync();
        var lead = await browser.SignInAsync(platform.GatewayAddress, "platform-admin", "web-axe-all");
        var found = new List<string>();
        foreach (var path in new[]
        {
            "/workforce?asAt=2019-11-01", "/finance?asAt=2019-11-01", "/placements?asAt=2019-11-01", "/print?asAt=2019-06-01", "/operations",
            $"/areas/{area}/commentary?asAt=2019-06-01", $"/actions/{action["id"]}/progress?asAt=2019-06-01", "/?asAt-day=31&asAt-month=2&asAt-year=2020",
        })
        {
            found.AddRange(await SeriousViolationsAsync(lead, path));
        }
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    /// <summary>axe-core (from npm: services/Web/node_modules, installed by ./platform) on a page: its serious and critical violations.</summary>
    private async Task<List<string>> SeriousViolationsAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript()));
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: (v.nodes[0] && v.nodes[0].target.join(' ')) || '' }))
            """);
        var all = violations.EnumerateArray().Select(v => (Impact: v.GetProperty("impact").GetString(),
            Text: $"{path}: {v.GetProperty("impact")}: {v.GetProperty("id")} ({v.GetProperty("help")}) x{v.GetProperty("nodes")} at {v.GetProperty("target")}")).ToList();
        foreach (var v in all) output.WriteLine(v.Text);
        return all.Where(v => v.Impact is "serious" or "critical").Select(v => v.Text).ToList();
    }


    internal static string AxeScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "services", "Web", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("axe-core is not installed: ./platform test runs npm ci in services/Web.");
    }
}
