using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Platform.Tests;
using Platform.Web.Pages;

namespace Platform.StoryTests;

/// <summary>
/// Numbers a board can trust, on the demo's story: for every indicator on the board, on six dates from before the
/// inspection to the year end, the board's value is the owning service's API value, and the web page shows that value.
/// </summary>
[Collection(DemoStoryGroup.Name)]
public sealed class OneFigureEverywhereTests(DemoStoryFixture story)
{
    /// <summary>Before the inspection, after the judgement, mid-2019, the census date, the board meeting, the year end.</summary>
    public static readonly string[] StoryDates = ["2018-12-31", "2019-04-30", "2019-06-30", "2019-09-30", "2019-11-01", "2020-03-31"];

    private HttpClient Gateway => story.Platform.Gateway;

    [Fact]
    public async Task Every_indicator_on_the_board_shows_the_owning_services_figure_on_every_date_of_the_story()
    {
        var mismatches = new List<string>();
        foreach (var date in StoryDates)
        {
            // The owners publish after each change; wait until the board has caught up with them, then compare.
            var deadline = DateTime.UtcNow.AddMinutes(4);
            List<string> found;
            do
            {
                found = await CompareBoardAsync(date);
                if (found.Count == 0) break;
                await Task.Delay(1_000);
            }
            while (DateTime.UtcNow < deadline);
            mismatches.AddRange(found);
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task The_board_page_shows_each_tile_with_the_owning_services_figure_on_every_date_of_the_story()
    {
        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(story.Platform.GatewayAddress, "read-only-operator", "board-member");
        var mismatches = new List<string>();
        foreach (var date in StoryDates)
        {
            await WaitForBoardAsync(date);
            var board = await Json($"/api/inspections/board?asAt={date}");
            await page.GotoAsync($"/?asAt={date}");
            foreach (var indicator in board["indicators"]!.AsArray())
            {
                var code = (string)indicator!["code"]!;
                var owner = await OwnerValueAsync((string)indicator["measure"]!, (string?)indicator["teamCode"], date);
                var expected = Format.Board(owner, (string)indicator["unit"]!);
                var shown = (await page.Locator($"[data-indicator='{code}'] [data-testid=tile-value]").First.InnerTextAsync()).Trim();
                if (shown != expected) mismatches.Add($"{date} {code}: the page shows '{shown}', the owner's API gives '{expected}'");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task The_workforce_page_shows_supervision_compliance_as_the_workforce_API_has_it_on_every_date_of_the_story()
    {
        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(story.Platform.GatewayAddress, "read-only-operator", "board-member");
        foreach (var date in StoryDates)
        {
            var kpis = await Json($"/api/workforce/kpis?asAt={date}");
            await page.GotoAsync($"/workforce?asAt={date}");
            var text = await page.Locator("main").InnerTextAsync();
            if (kpis["department"]!["supervisionCompliance"] is { } rate)
            {
                var percent = ((decimal)rate * 100).ToString("0.#", CultureInfo.InvariantCulture);
                Assert.Contains($"{percent}%", text.Replace(" %", "%", StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Every_trend_table_and_team_average_on_the_service_pages_shows_the_owning_services_figure_on_every_date_of_the_story()
    {
        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(story.Platform.GatewayAddress, "read-only-operator", "board-member");
        var units = new Dictionary<string, (string Measure, string Unit, string? Team)>();
        var mismatches = new List<string>();
        var cellsChecked = 0;
        foreach (var date in StoryDates)
        {
            await WaitForBoardAsync(date);
            foreach (var path in new[] { $"/workforce?asAt={date}", $"/finance?asAt={date}", $"/placements?asAt={date}" })
            {
                await page.GotoAsync(path);
                // Every month-end cell of every trend table: the indicator's measure as its owner answers it for that date.
                foreach (var cell in await page.Locator("td[data-indicator][data-as-at]").AllAsync())
                {
                    var code = (await cell.GetAttributeAsync("data-indicator"))!;
                    var asAt = (await cell.GetAttributeAsync("data-as-at"))!;
                    if (!units.TryGetValue(code, out var indicator))
                    {
                        var detail = await Json($"/api/inspections/indicators/{Uri.EscapeDataString(code)}?asAt={date}");
                        units[code] = indicator = ((string)detail["indicator"]!["measure"]!, (string)detail["indicator"]!["unit"]!, (string?)detail["indicator"]!["teamCode"]);
                    }
                    var expected = Format.Value(await OwnerValueAsync(indicator.Measure, indicator.Team, asAt), indicator.Unit);
                    var shown = (await cell.InnerTextAsync()).Trim();
                    cellsChecked++;
                    if (shown != expected) mismatches.Add($"{path} {code} at {asAt}: the page shows '{shown}', the owner's API gives '{expected}'");
                }
            }

            // The Workforce page's team averages are the census caseload of each team, as GET /kpis gives it.
            var kpis = await Json($"/api/workforce/kpis?asAt={date}");
            await page.GotoAsync($"/workforce?asAt={date}");
            foreach (var row in await page.Locator("[data-testid=team-caseloads] tr[data-team]").AllAsync())
            {
                var team = (await row.GetAttributeAsync("data-team"))!;
                var owner = (decimal?)kpis["teams"]!.AsArray().FirstOrDefault(t => (string?)t!["teamCode"] == team)?["caseloadFte"];
                var expected = owner?.ToString("0.0", CultureInfo.InvariantCulture) ?? "no data";
                var shown = (await row.Locator("td[data-measure=average-caseload]").InnerTextAsync()).Trim();
                cellsChecked++;
                if (shown != expected) mismatches.Add($"/workforce?asAt={date} team {team}: the page shows '{shown}', GET /kpis gives '{expected}'");
            }
        }
        Assert.True(cellsChecked > 50, $"only {cellsChecked} figures were found on the service pages");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    internal async Task WaitForBoardAsync(string date)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while ((await CompareBoardAsync(date)).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(1_000);
    }

    private async Task<List<string>> CompareBoardAsync(string date)
    {
        var board = await Json($"/api/inspections/board?asAt={date}");
        var mismatches = new List<string>();
        var indicators = board["indicators"]!.AsArray();
        if (indicators.Count == 0) mismatches.Add($"{date}: the board has no indicators");
        foreach (var indicator in indicators)
        {
            var measure = (string)indicator!["measure"]!;
            var owner = await OwnerValueAsync(measure, (string?)indicator["teamCode"], date);
            var shown = (decimal?)indicator["value"];
            if (shown != owner) mismatches.Add($"{date} {indicator["code"]} ({measure}): the board shows {shown?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}, the owner's API gives {owner?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
        }
        return mismatches;
    }

    /// <summary>The measure as the owning service's own API answers it for the date (docs/measures.md).</summary>
    internal async Task<decimal?> OwnerValueAsync(string measure, string? teamCode, string date)
    {
        switch (measure)
        {
            case "vacancy-rate" or "agency-rate" or "average-caseload" or "caseload-over-threshold" or "supervision-compliance":
            {
                var kpis = await Json($"/api/workforce/kpis?asAt={date}");
                var row = teamCode is null ? kpis["department"] : kpis["teams"]!.AsArray().FirstOrDefault(t => (string?)t!["teamCode"] == teamCode);
                return measure switch
                {
                    "vacancy-rate" => Percent(row?["vacancyRateFte"]),
                    "agency-rate" => Percent(row?["agencyRateFte"]),
                    "average-caseload" => (decimal?)row?["caseloadFte"],
                    "caseload-over-threshold" => Percent(row?["shareOverWarning"]),
                    _ => Percent(row?["supervisionCompliance"]),
                };
            }
            case "children-looked-after":
                return (decimal?)(await Json($"/api/placements/indicators/care-population?asAt={date}"))["childrenLookedAfter"];
            case "cla-rate-per-10000":
                return (decimal?)(await Json($"/api/placements/indicators/care-population?asAt={date}"))["ratePer10000"];
            case "three-plus-placements":
                return (decimal?)(await Json($"/api/placements/indicators/stability?asAt={date}"))["threeOrMorePlacementsPercent"];
            case "foster-own-provision":
                return (decimal?)(await Json($"/api/placements/indicators/foster-sufficiency?asAt={date}"))["ownProvisionPercent"];
            case "forecast-overspend":
            {
                var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
                var year = day.Month >= 4 ? day.Year : day.Year - 1;
                return (decimal?)(await Json($"/api/finance/forecast?financialYear={year}"))["forecastOverspend"];
            }
            default:
                throw new InvalidOperationException($"No owner API is known for {measure}: add it to docs/measures.md and here.");
        }
    }

    private static decimal? Percent(JsonNode? fraction) => fraction is null ? null : (decimal)fraction * 100;

    private async Task<JsonNode> Json(string path)
    {
        using var response = await Gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
