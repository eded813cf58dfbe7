using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Tests;
using Platform.Web.Pages;

namespace Platform.StoryTests;

/// <summary>
/// What a board asks for first, on the demo's story at the 2019-20 year end: the restructure's recruitment, the savings
/// programme and placement stability, each on its page as its owning service's API has it.
/// </summary>
[Collection(DemoStoryGroup.Name)]
public sealed class ServiceChartsStoryTests(DemoStoryFixture story)
{
    private const string YearEnd = "2020-03-31";

    private HttpClient Gateway => story.Platform.Gateway;

    [Fact]
    public async Task The_recruitment_savings_and_stability_charts_show_the_owning_services_figures_at_the_2019_20_year_end()
    {
        var figures = new OneFigureEverywhereTests(story);
        await figures.WaitForBoardAsync(YearEnd);
        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(story.Platform.GatewayAddress, "read-only-operator", "board-member");
        var mismatches = new List<string>();

        // Recruitment to the restructure's new posts (Workforce).
        var programme = (await Json("/api/workforce/restructures?pageSize=20"))["items"]!.AsArray()
            .Single(p => (string?)p!["name"] == "Investing in Children 2019")!;
        var recruitment = await Json($"/api/workforce/restructures/{programme["id"]}/recruitment?to={YearEnd}");
        var months = recruitment["months"]!.AsArray().TakeLast(12).ToList();
        Assert.True((int)recruitment["plannedPosts"]! >= 130, "the demo's restructure creates 130 or more posts");
        Assert.True((int)months[^1]!["filled"]! > 0, "some of the new posts are filled by the year end");
        await page.GotoAsync($"/workforce?asAt={YearEnd}");
        var table = page.Locator($"[data-testid=recruitment][data-programme='{programme["id"]}']");
        foreach (var month in months)
        {
            foreach (var column in new[] { "planned", "created", "filled", "coveredByAgency", "vacant" })
            {
                var shown = (await table.Locator($"tr[data-month-end='{month!["monthEnd"]}'] [data-column={column}]").InnerTextAsync()).Trim();
                if (shown != ((int)month[column]!).ToString(CultureInfo.InvariantCulture)) mismatches.Add($"recruitment {month["monthEnd"]} {column}: page {shown}, API {month[column]}");
            }
        }

        // The 2019-20 savings programme (Finance).
        var targets = (await Json("/api/finance/savings-targets?financialYear=2019&pageSize=100"))["items"]!.AsArray();
        Assert.NotEmpty(targets);
        await page.GotoAsync($"/finance?asAt={YearEnd}");
        foreach (var target in targets)
        {
            var row = page.Locator($"tr[data-savings-target='{target!["id"]}']");
            foreach (var column in new[] { "target", "delivered", "shortfall" })
            {
                var shown = (await row.Locator($"[data-column={column}]").InnerTextAsync()).Trim();
                var expected = Format.Value((decimal)target[column]!, "£");
                if (shown != expected) mismatches.Add($"savings {target["name"]} {column}: page {shown}, API {expected}");
            }
        }

        // Placement stability from the imported 903 history and the year's episodes (Placements).
        var unit = (string)(await Json($"/api/inspections/indicators/STABILITY?asAt={YearEnd}"))["indicator"]!["unit"]!;
        await page.GotoAsync($"/placements?asAt={YearEnd}");
        var cells = await page.Locator("[data-testid=three-plus-placements] td[data-as-at]").AllAsync();
        Assert.True(cells.Count >= 12, $"a year of month ends, found {cells.Count}");
        foreach (var cell in cells)
        {
            var asAt = (await cell.GetAttributeAsync("data-as-at"))!;
            var owner = await figures.OwnerValueAsync("three-plus-placements", null, asAt);
            Assert.True(owner is not null, $"Placements has a stability figure for {asAt}");
            var shown = (await cell.InnerTextAsync()).Trim();
            if (shown != Format.Value(owner, unit)) mismatches.Add($"stability {asAt}: page {shown}, Placements {owner}");
        }
        // The stability chart draws the indicator's target, labelled.
        var stabilityTarget = (decimal)(await Json($"/api/inspections/indicators/STABILITY?asAt={YearEnd}"))["indicator"]!["target"]!;
        var targetLine = page.Locator("[data-testid=target-line]").First;
        Assert.Equal(Charts.N(stabilityTarget), await targetLine.GetAttributeAsync("data-target"));
        Assert.StartsWith("Target ", (await targetLine.TextContentAsync())?.Trim(), StringComparison.Ordinal);
        // The care population against England's at each 31 March, with growth (Placements).
        var comparison = (await Json($"/api/placements/indicators/comparison?asAt={YearEnd}"))["years"]!.AsArray();
        Assert.True(comparison.Count >= 3, "the demo has reference data for 31 March 2018, 2019 and 2020");
        Assert.NotNull(comparison[^1]!["growthPercent"]);
        foreach (var year in comparison)
        {
            var rate = (await page.Locator($"[data-testid=comparison] tr[data-as-at='{year!["asAt"]}'] [data-column=rate]").InnerTextAsync()).Trim();
            var expected = year["ratePer10000"] is null ? "no data" : ((decimal)year["ratePer10000"]!).ToString("0.0", CultureInfo.InvariantCulture);
            if (rate != expected) mismatches.Add($"comparison {year["asAt"]} rate: page {rate}, Placements {expected}");
        }
        Assert.Contains("England's", await page.Locator("[data-testid=growth]").InnerTextAsync(), StringComparison.Ordinal);
        // Flow in and out of care in each month of 2019-20 (Placements).
        var flowRows = await page.Locator("[data-testid=flow] tr[data-from]").AllAsync();
        Assert.Equal(12, flowRows.Count);
        foreach (var row in flowRows)
        {
            var (from, to) = (await row.GetAttributeAsync("data-from"), await row.GetAttributeAsync("data-to"));
            var flow = await Json($"/api/placements/indicators/flow?from={from}&to={to}");
            foreach (var column in new[] { "started", "ceased" })
            {
                var shown = (await row.Locator($"[data-column={column}]").InnerTextAsync()).Trim();
                if (shown != ((int)flow[column]!).ToString(CultureInfo.InvariantCulture)) mismatches.Add($"flow {from} {column}: page {shown}, Placements {flow[column]}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    private async Task<JsonNode> Json(string path)
    {
        using var response = await Gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
