using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Platform.Tests.Inspections.InspectionsImprovementTests;

namespace Platform.Tests.Web;

/// <summary>The web app's improvement board in a real browser, through the gateway, against the real services.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class WebBoardTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task An_improvement_lead_sees_the_judgement_an_overdue_action_and_the_days_remaining_as_the_Inspections_API_has_them()
    {
        var area = Unique("WEB");
        await CreateInspectionAsync(platform.Gateway, area);
        var title = $"Caseload audit {area}";
        var action = await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title, ownerRole = "assistant-director", dueOn = "2019-05-20", raisedOn = "2019-04-01",
        }));
        var tag = Unique("WEBD");
        await CreateDirectionsAsync(platform.Gateway, tag);
        var api = await Json(await platform.Gateway.GetAsync("/api/inspections/board?asAt=2019-06-01"));
        var apiAction = api["areas"]!.AsArray().Single(a => (string?)a!["code"] == area)!["actions"]!.AsArray().Single(a => (string?)a!["id"] == (string?)action["id"])!;
        var apiDeadline = api["upcomingDeadlines"]!.AsArray().Single(d => ((string)d!["description"]!).Contains(tag, StringComparison.Ordinal))!;

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "improvement-lead", "web-lead");
        Assert.Equal("web-lead", await page.Locator("[data-testid=user-name]").InnerTextAsync());
        await page.GotoAsync("/?asAt=2019-06-01");

        Assert.Equal("Improvement board, 1 June 2019 - Children's services improvement", await page.TitleAsync());
        var overall = await page.Locator("[data-testid=overall-judgement]").InnerTextAsync();
        Assert.Contains(Words((string)api["latestInspection"]!["overallEffectiveness"]!), overall, StringComparison.Ordinal);

        var row = page.Locator($"tr[data-action='{action["id"]}']");
        Assert.True((bool)apiAction["isOverdue"]!);
        Assert.Equal($"Overdue by {(int)apiAction["daysOverdue"]!} days", await row.Locator("[data-testid=overdue]").InnerTextAsync());
        Assert.Contains("Overdue", await row.InnerTextAsync(), StringComparison.Ordinal);
        // The improvement lead may update the plan.
        Assert.Equal(1, await row.Locator("[data-write-control]").CountAsync());

        var deadline = page.Locator($"tr[data-deadline='{apiDeadline["sourceId"]}'] [data-testid=days-remaining]");
        Assert.Equal($"{(int)apiDeadline["daysRemaining"]!} days remaining", await deadline.InnerTextAsync());

        var screenshot = Path.Combine(WebBrowser.ArtefactsDirectory, "board-2019-06-01.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        output.WriteLine($"Board screenshot: {screenshot}");
    }

    [Fact]
    public async Task A_read_only_operator_sees_the_board_without_any_write_control_or_the_operations_page()
    {
        var area = Unique("WRO");
        await CreateInspectionAsync(platform.Gateway, area);
        await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title = $"Practice framework {area}", ownerRole = "principal-social-worker", dueOn = "2019-09-30", raisedOn = "2019-04-01",
        }));

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-reader");
        await page.GotoAsync("/?asAt=2019-06-01");
        await Assertions.Expect(page.Locator($"[data-area='{area}']")).ToBeVisibleAsync();

        Assert.Equal(0, await page.Locator("[data-write-control]").CountAsync());
        Assert.Equal(0, await page.Locator("main form[method=post]").CountAsync());
        Assert.Equal(0, await page.Locator("a[href='/operations']").CountAsync());
        var operations = await page.GotoAsync("/operations");
        Assert.Equal(403, operations!.Status);
        Assert.Contains("You cannot see this page", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_refusal_is_shown_as_a_readable_message_next_to_its_field_and_a_valid_update_reaches_the_board()
    {
        var area = Unique("WER");
        await CreateInspectionAsync(platform.Gateway, area);
        var action = await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title = $"Supervision policy {area}", ownerRole = "head-of-service", dueOn = "2019-09-30", raisedOn = "2019-04-01",
        }));

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "improvement-lead", "web-editor");
        await page.GotoAsync("/?asAt=2019-06-01");
        await page.Locator($"tr[data-action='{action["id"]}'] [data-write-control]").ClickAsync();
        await page.CheckAsync("input[name=Status][value=completed]");
        await page.ClickAsync("button:has-text('Save progress')");

        // The Inspections API refuses (problem+json naming "evidence"): its words, in the summary and beside the field.
        await Assertions.Expect(page.Locator("#evidence-error")).ToContainTextAsync("An action is completed only with evidence.");
        await Assertions.Expect(page.Locator("[data-testid=problem]")).ToContainTextAsync("An action is completed only with evidence.");
        Assert.DoesNotContain("{", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.FillAsync("#evidence", "Policy signed off by the practice board");
        await page.ClickAsync("button:has-text('Save progress')");
        await page.WaitForURLAsync(url => !url.Contains("/progress", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator($"tr[data-action='{action["id"]}']")).ToContainTextAsync("Completed");
    }

    private static string Words(string code) => char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');
}
