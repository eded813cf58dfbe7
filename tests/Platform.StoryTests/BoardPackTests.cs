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

        // Every figure, one CSV per table: the indicators are the board's.
        var figures = await page.APIRequest.GetAsync($"/print?handler=figures&asAt={MeetingDate}");
        Assert.Equal(200, figures.Status);
        using var zip = new ZipArchive(new MemoryStream(await figures.BodyAsync()));
        Assert.Equal(["actions.csv", "areas.csv", "changes.csv", "indicator_series.csv", "indicators.csv", "statutory_deadlines.csv", "summary.csv"],
            zip.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("indicators.csv")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var board = JsonNode.Parse(await story.Platform.Gateway.GetStringAsync($"/api/inspections/board?asAt={MeetingDate}"))!;
        Assert.Equal(board["indicators"]!.AsArray().Count, lines.Length - 1);
        Assert.StartsWith("code,name,measure,", lines[0], StringComparison.Ordinal);
    }

    /// <summary>A page object of the PDF (<c>/Type /Page</c>, not <c>/Pages</c>).</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
