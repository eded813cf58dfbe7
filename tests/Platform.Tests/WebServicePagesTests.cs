using System.Globalization;
using System.Net.Http.Json;
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

    private sealed record VirementDto(Guid Id, string Reason, string Status, decimal TotalMoved);

    private sealed record PageDto<T>(IReadOnlyList<T> Items);

    [Fact]
    public async Task The_finance_page_lists_a_raised_virement_with_the_amount_moved_as_the_Finance_API_has_it_beside_the_overspend_trend()
    {
        // A draft virement in a far-future financial year no other test reads (a draft moves no budget).
        const int year = 2047;
        var from = await platform.CreateCostCentreAsync("WVF", "Street Care");
        var to = await platform.CreateCostCentreAsync("WVT");
        var reason = $"Web virement {Guid.NewGuid():N}"[..24];
        var raised = await platform.Gateway.PostAsJsonAsync("/api/finance/virements", new
        {
            financialYear = year, reason,
            lines = new[]
            {
                new { costCentreCode = from, budgetLineCode = "other-council-services", amount = -1_234_567m },
                new { costCentreCode = to, budgetLineCode = "social-work", amount = 1_234_567m },
            },
        });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
        var id = (await raised.ReadAsync<VirementDto>()).Id;
        var listed = await platform.Gateway.GetFromJsonAsync<PageDto<VirementDto>>($"/api/finance/virements?financialYear={year}&pageSize=100");
        var api = Assert.Single(listed!.Items, v => v.Id == id);

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-virements");
        var response = await page.GotoAsync($"/finance?financialYear={year}");
        Assert.Equal(200, response!.Status);
        Assert.Equal(0, await page.Locator("[data-testid=problem]").CountAsync());
        var row = page.Locator($"[data-testid=virements] tr[data-virement='{id}']");
        Assert.Equal(api.Reason, (await row.Locator("th").InnerTextAsync()).Trim());
        Assert.Equal(api.TotalMoved.ToString("£#,##0", CultureInfo.InvariantCulture), (await row.Locator("[data-testid=virement-moved]").InnerTextAsync()).Trim());
        Assert.Contains("Draft", await row.InnerTextAsync(), StringComparison.Ordinal);
        // The overspend trend section is there (a chart with its table, or a plain "no values yet").
        Assert.Equal(1, await page.Locator("h2", new() { HasTextString = "Overspend trend" }).CountAsync());
    }

    private sealed record SeriesPointDto(DateOnly AsAt, decimal? Value);

    private sealed record IndicatorDto(string Code, string Unit);

    private sealed record IndicatorDetailDto(IndicatorDto Indicator, IReadOnlyList<SeriesPointDto> Series);

    [Fact]
    public async Task The_placements_page_charts_carer_capacity_with_a_table_whose_month_end_values_are_the_Inspections_API_series()
    {
        // A department-wide carer-capacity indicator, so the catalogue has one for the page to chart.
        var created = await platform.Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = Unique("WCAP"), name = "Free foster places", measure = "carer-capacity", target = 2m, tolerance = 1m,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var mine = (await created.ReadAsync<IndicatorDto>()).Code;
        // A foster household approved in September 2040 (places are the whole authority's, so other carers may count too).
        var approved = await platform.Gateway.PostAsJsonAsync("/api/placements/foster-carers", new
        {
            householdReference = $"FC-{Random.Shared.Next(100_000, 999_999)}", approvedOn = "2040-09-01", approvedPlaces = 2, ageFrom = 0, ageTo = 17, isInHouse = true,
        });
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await platform.Gateway.GetFromJsonAsync<IndicatorDetailDto>($"/api/inspections/indicators/{mine}?asAt=2040-12-31"))!.Series
            .All(p => p.Value is null or 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "Inspections did not count the approved foster places within 60 s.");
            await Task.Delay(250);
        }

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-capacity");
        const string asAt = "2040-12-31";
        var response = await page.GotoAsync($"/placements?asAt={asAt}");
        Assert.Equal(200, response!.Status);
        var table = page.Locator("[data-testid=carer-capacity]");
        Assert.Equal(1, await table.CountAsync());
        Assert.True(await page.Locator("svg.app-chart").CountAsync() >= 1);

        // Each month end's cell shows the value the Inspections API gives for the indicator the page charts.
        var cells = table.Locator("td[data-indicator]");
        var code = await cells.First.GetAttributeAsync("data-indicator");
        var detail = await platform.Gateway.GetFromJsonAsync<IndicatorDetailDto>($"/api/inspections/indicators/{code}?asAt={asAt}");
        Assert.NotEmpty(detail!.Series);
        Assert.Equal(detail.Series.Count, await cells.CountAsync());
        foreach (var point in detail.Series)
        {
            var cell = table.Locator($"td[data-as-at='{point.AsAt:yyyy-MM-dd}']");
            Assert.Equal(Platform.Web.Pages.Format.Value(point.Value, detail.Indicator.Unit), (await cell.InnerTextAsync()).Trim());
        }
    }
}
