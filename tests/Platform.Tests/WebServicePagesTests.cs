using Microsoft.Playwright;
using static Platform.Tests.InspectionsImprovementTests;

namespace Platform.Tests;

/// <summary>The service pages and the print view render from the APIs without errors; charts come with their numbers.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class WebServicePagesTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_service_pages_and_the_print_view_render_for_a_read_only_operator_with_every_chart_beside_its_numbers()
    {
        await CreateInspectionAsync(platform.Gateway, Unique("WSP"));
        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-pages");

        foreach (var (path, heading) in new[]
        {
            ("/workforce?asAt=2019-11-01", "Workforce"), ("/finance?financialYear=2019", "Finance"), ("/placements?asAt=2019-11-01", "Placements"),
            ("/print?asAt=2019-06-01", "Improvement board"),
        })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            Assert.StartsWith(heading, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("[data-testid=problem]").CountAsync());
            // Every chart has a table of its numbers on the same page.
            var charts = await page.Locator("svg.app-chart").CountAsync();
            Assert.True(charts == 0 || await page.Locator("table").CountAsync() >= charts, $"{path}: a chart without its table");
        }
        // The print view has no navigation or controls.
        Assert.Equal(0, await page.Locator("nav, form, [data-write-control]").CountAsync());
    }
}
