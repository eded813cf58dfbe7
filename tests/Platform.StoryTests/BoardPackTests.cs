using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Tests;
using Xunit.Abstractions;

namespace Platform.StoryTests;

/// <summary>
/// The board pack of the demo's board meeting (1 November 2019): a server-rendered PDF of at most eight A4 pages (counted
/// from the PDF itself), tiles that never break across a page, and every figure of the pack in CSV.
/// </summary>
[Collection(DemoStoryGroup.Name)]
public sealed partial class BoardPackTests(DemoStoryFixture story, ITestOutputHelper output)
{
    private const string MeetingDate = "2019-11-01";

    [Fact]
    public async Task The_pack_for_the_board_meeting_is_a_PDF_of_at_most_eight_pages_with_tiles_kept_whole_and_its_figures_in_CSV()
    {
        await new OneFigureEverywhereTests(story).WaitForBoardAsync(MeetingDate);
        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(story.Platform.GatewayAddress, "read-only-operator", "board-member");

        // The PDF, as the download link gives it (the page's own cookie).
        var pdf = await page.APIRequest.GetAsync($"/print?handler=pdf&asAt={MeetingDate}");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var bytes = await pdf.BodyAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        var pages = PageObject().Count(Encoding.Latin1.GetString(bytes));
        var file = Path.Combine(WebBrowser.ArtefactsDirectory, $"board-pack-{MeetingDate}.pdf");
        await File.WriteAllBytesAsync(file, bytes);
        output.WriteLine($"Board pack: {pages} pages, {file}");
        Assert.InRange(pages, 3, 8);

        // In print, no tile, count or table row of an area is split across pages, and headings stay with what follows.
        await page.GotoAsync($"/print?asAt={MeetingDate}");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var tiles = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('.app-tile, .app-count, .govuk-table__row')].map(e => getComputedStyle(e).breakInside)");
        Assert.NotEmpty(tiles);
        Assert.All(tiles, breakInside => Assert.Equal("avoid", breakInside));
        Assert.Equal("page", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('[data-testid=cover]')).breakAfter"));
        Assert.Contains("Stoke-on-Trent City Council", await page.Locator("[data-testid=cover]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("page", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('[data-testid=service-charts]')).breakBefore"));
        Assert.All(await page.EvaluateAsync<string[]>("[...document.querySelectorAll('.app-chart-cell')].map(e => getComputedStyle(e).breakInside)"),
            breakInside => Assert.Equal("avoid", breakInside));

        // The service charts printed are the owning services' figures on the meeting date.
        var mismatches = new List<string>();
        var programme = (await Json("/api/workforce/restructures?pageSize=20"))["items"]!.AsArray().Single(p => (string?)p!["name"] == "Investing in Children 2019")!;
        // The last month end on or before the meeting: 31 October 2019, when the plan was approved and no post yet created.
        var latest = (await Json($"/api/workforce/restructures/{programme["id"]}/recruitment?from=2018-12-01&to={MeetingDate}"))["months"]!.AsArray()
            .Last(m => string.CompareOrdinal((string)m!["monthEnd"]!, MeetingDate) <= 0)!;
        Assert.Equal("2019-10-31", (string?)latest["monthEnd"]);
        var recruitment = page.Locator($"[data-testid=pack-recruitment][data-programme='{programme["id"]}'] p[data-month-end]");
        foreach (var (attribute, field) in new[] { ("planned", "planned"), ("created", "created"), ("filled", "filled"), ("agency", "coveredByAgency"), ("vacant", "vacant") })
        {
            var shown = await recruitment.GetAttributeAsync($"data-{attribute}");
            if (shown != latest[field]!.ToString()) mismatches.Add($"recruitment {field}: pack {shown}, Workforce {latest[field]}");
        }
        var savings = await Json("/api/finance/savings-targets/summary?financialYear=2019");
        var savingsCell = page.Locator("[data-testid=pack-savings]");
        foreach (var (attribute, field) in new[] { ("delivered", "totalDelivered"), ("target", "totalTarget") })
        {
            var shown = decimal.Parse((await savingsCell.GetAttributeAsync($"data-{attribute}"))!, System.Globalization.CultureInfo.InvariantCulture);
            if (shown != (decimal)savings[field]!) mismatches.Add($"savings {field}: pack {shown}, Finance {savings[field]}");
        }
        var stability = page.Locator("[data-testid=pack-stability]");
        var stabilityAsAt = (await stability.GetAttributeAsync("data-as-at"))!;
        var owner = await new OneFigureEverywhereTests(story).OwnerValueAsync("three-plus-placements", null, stabilityAsAt);
        var stabilityShown = decimal.Parse((await stability.GetAttributeAsync("data-value"))!, System.Globalization.CultureInfo.InvariantCulture);
        if (owner is null || stabilityShown != Math.Round(owner.Value, 1))
        {
            mismatches.Add($"stability {stabilityAsAt}: pack {await stability.GetAttributeAsync("data-value")}, Placements {owner}");
        }
        var comparison = (await Json($"/api/placements/indicators/comparison?asAt={MeetingDate}"))["years"]!.AsArray();
        Assert.True(comparison.Count >= 2, "the demo has England's rate for 31 March 2018 and 2019");
        foreach (var year in comparison)
        {
            var row = page.Locator($"[data-testid=pack-comparison] tr[data-as-at='{year!["asAt"]}']");
            foreach (var (column, field) in new[] { ("children", "childrenLookedAfter"), ("rate", "ratePer10000"), ("england", "englandRatePer10000"), ("growth", "growthPercent"), ("england-growth", "englandGrowthPercent") })
            {
                var shown = (await row.Locator($"[data-column={column}]").InnerTextAsync()).Trim();
                var expected = year[field] is null ? "no data" : column switch
                {
                    "children" => year[field]!.ToString(),
                    "growth" or "england-growth" => ((decimal)year[field]!).ToString("+0.0'%';-0.0'%';0.0'%'", System.Globalization.CultureInfo.InvariantCulture),
                    _ => ((decimal)year[field]!).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                };
                if (shown != expected) mismatches.Add($"comparison {year["asAt"]} {column}: pack {shown}, Placements {expected}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));

        // Every figure, one CSV per table: the indicators are the board's.
        var figures = await page.APIRequest.GetAsync($"/print?handler=figures&asAt={MeetingDate}");
        Assert.Equal(200, figures.Status);
        using var zip = new ZipArchive(new MemoryStream(await figures.BodyAsync()));
        Assert.Equal(["actions.csv", "areas.csv", "care_flow.csv", "care_population_comparison.csv", "changes.csv", "indicator_series.csv", "indicators.csv",
            "placement_stability.csv", "recruitment.csv", "savings.csv", "statutory_deadlines.csv", "summary.csv"],
            zip.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("indicators.csv")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var board = JsonNode.Parse(await story.Platform.Gateway.GetStringAsync($"/api/inspections/board?asAt={MeetingDate}"))!;
        Assert.Equal(board["indicators"]!.AsArray().Count, lines.Length - 1);
        Assert.StartsWith("code,name,measure,", lines[0], StringComparison.Ordinal);
    }

    private async Task<JsonNode> Json(string path)
    {
        using var response = await story.Platform.Gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>A page object of the PDF (<c>/Type /Page</c>, not <c>/Pages</c>).</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
