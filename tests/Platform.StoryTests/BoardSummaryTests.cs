using System.Text.Json.Nodes;
using Platform.Tests;

namespace Platform.StoryTests;

/// <summary>
/// The summary at the top of the board, on the demo's story: its counts are the Inspections API's (which are its own
/// board's indicators and overdue actions), the page shows exactly those, and an open action whose area's indicators
/// all meet their targets says so.
/// </summary>
[Collection(DemoStoryGroup.Name)]
public sealed class BoardSummaryTests(DemoStoryFixture story)
{
    private HttpClient Gateway => story.Platform.Gateway;

    [Theory]
    [InlineData("2019-11-01")]
    [InlineData("2020-03-31")]
    public async Task The_summary_shows_the_counts_and_ratings_the_Inspections_API_gives_for_the_date(string date)
    {
        await new OneFigureEverywhereTests(story).WaitForBoardAsync(date);
        var board = await Json($"/api/inspections/board?asAt={date}");
        var summary = board["summary"]!;
        var indicators = board["indicators"]!.AsArray();
        int Count(string status) => indicators.Count(i => (string?)i!["status"] == status);
        Assert.Equal(Count("red"), (int)summary["indicators"]!["red"]!);
        Assert.Equal(Count("amber"), (int)summary["indicators"]!["amber"]!);
        Assert.Equal(Count("green"), (int)summary["indicators"]!["green"]!);
        Assert.Equal(Count("no-data"), (int)summary["indicators"]!["noData"]!);
        Assert.Equal(board["overdueActions"]!.AsArray().Count, (int)summary["overdueActions"]!);
        var flagged = board["areas"]!.AsArray().SelectMany(a => a!["actions"]!.AsArray()).Where(a => (bool)a!["indicatorsMeetTarget"]!).ToList();
        Assert.Equal(flagged.Count, (int)summary["actionsWithTargetsMet"]!);
        Assert.Equal(board["areas"]!.AsArray().Select(a => (string?)a!["code"]), summary["areas"]!.AsArray().Select(a => (string?)a!["code"]));
        // The judgement of March 2019 set 15 areas for improvement: the demo has all of them.
        Assert.Equal(15, summary["areas"]!.AsArray().Count);
        if (date == "2019-11-01")
        {
            // The revised direction of 31 October 2019: a partnership agreed by 31 January 2020, 91 days ahead.
            Assert.Contains(summary["statutoryDeadlines"]!.AsArray(), d => (string?)d!["dueOn"] == "2020-01-31" && (int)d["daysRemaining"]! == 91);
        }

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(story.Platform.GatewayAddress, "read-only-operator", "board-member");
        await page.GotoAsync($"/?asAt={date}");
        async Task<int> Shown(string id) => int.Parse(await page.Locator($"[data-testid={id}]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((int)summary["indicators"]!["red"]!, await Shown("count-red"));
        Assert.Equal((int)summary["indicators"]!["amber"]!, await Shown("count-amber"));
        Assert.Equal((int)summary["indicators"]!["green"]!, await Shown("count-green"));
        Assert.Equal((int)summary["indicators"]!["noData"]!, await Shown("count-no-data"));
        Assert.Equal((int)summary["overdueActions"]!, await Shown("count-overdue"));
        Assert.Equal((int)summary["actionsWithTargetsMet"]!, await Shown("count-targets-met"));
        foreach (var area in summary["areas"]!.AsArray())
        {
            Assert.Equal((string?)area!["rating"], await page.Locator($"tr[data-area-summary='{area["code"]}']").GetAttributeAsync("data-rating"));
        }
        Assert.Equal(summary["statutoryDeadlines"]!.AsArray().Select(d => ((int)d!["daysRemaining"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (await page.Locator("[data-testid=statutory-days]").AllInnerTextsAsync()).Select(t => t.Trim()));
        foreach (var action in flagged)
        {
            Assert.Equal(1, await page.Locator($"tr[data-action='{action!["id"]}'] [data-testid=target-met]").CountAsync());
        }
        // The summary is the first thing on the board.
        Assert.Equal("summary", await page.Locator("#board > section").First.GetAttributeAsync("data-testid"));
        await page.ScreenshotAsync(new Microsoft.Playwright.PageScreenshotOptions { Path = Path.Combine(WebBrowser.ArtefactsDirectory, $"board-summary-{date}.png") });
    }

    private async Task<JsonNode> Json(string path)
    {
        using var response = await Gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
