using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Platform.Tests.Inspections.InspectionsImprovementTests;

namespace Platform.Tests.Web;

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
    public async Task The_placements_page_charts_foster_own_provision_with_month_end_values_equal_to_the_Inspections_series_and_the_Placements_API()
    {
        // A department-wide indicator on the measure, so the catalogue has one for the page to chart.
        var created = await platform.Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = Unique("WFOS"), name = "Foster placements with our own carers", measure = "foster-own-provision", target = 75m, tolerance = 10m,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var mine = (await created.ReadAsync<IndicatorDto>()).Code;
        // Two children fostered from September 2040, one with the council's own carers (PR1), one with an agency (PR4).
        foreach (var provider in new[] { "PR1", "PR4" })
        {
            var child = await platform.RegisterPlacementsChildAsync("2025-05-01");
            var episode = await platform.Gateway.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
            {
                startDate = "2040-09-01", reasonForNewEpisode = "S", legalStatus = "C2", categoryOfNeed = "N1", placementType = "U6", placementProvider = provider,
                weeklyCost = 500m,
            });
            Assert.True(episode.IsSuccessStatusCode, await episode.Content.ReadAsStringAsync());
        }
        const string asAt = "2040-12-31";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await platform.Gateway.GetFromJsonAsync<IndicatorDetailDto>($"/api/inspections/indicators/{mine}?asAt={asAt}"))!.Series
            .All(p => p.Value is null))
        {
            Assert.True(DateTime.UtcNow < deadline, "Inspections had no value from Placements within 60 s.");
            await Task.Delay(250);
        }

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-fostering");
        var response = await page.GotoAsync($"/placements?asAt={asAt}");
        Assert.Equal(200, response!.Status);
        var table = page.Locator("[data-testid=foster-own-provision]");
        Assert.Equal(1, await table.CountAsync());
        Assert.True(await page.Locator("svg.app-chart").CountAsync() >= 1);
        var code = await table.Locator("td[data-indicator]").First.GetAttributeAsync("data-indicator");

        // Inspections holds the owner's (Placements') value for every month end once the measure's events are through:
        // earlier tests' placements, open in 2040, may still be on their way, so wait for the two to agree.
        IndicatorDetailDto? detail;
        while (true)
        {
            detail = await platform.Gateway.GetFromJsonAsync<IndicatorDetailDto>($"/api/inspections/indicators/{code}?asAt={asAt}");
            Assert.NotEmpty(detail!.Series);
            var disagreeing = new List<string>();
            foreach (var point in detail.Series)
            {
                var owner = await platform.Gateway.GetFromJsonAsync<FosterDto>($"/api/placements/indicators/foster-sufficiency?asAt={point.AsAt:yyyy-MM-dd}");
                if (owner!.OwnProvisionPercent != point.Value) disagreeing.Add($"{point.AsAt}: Placements {owner.OwnProvisionPercent}, Inspections {point.Value}");
            }
            if (disagreeing.Count == 0) break;
            Assert.True(DateTime.UtcNow < deadline.AddSeconds(30), "Inspections never caught up with Placements: " + string.Join("; ", disagreeing));
            await Task.Delay(500);
        }

        // Each month end's cell shows the value Inspections has for the indicator the page charts, which is the owner's.
        await page.ReloadAsync();
        var cells = table.Locator("td[data-indicator]");
        Assert.Equal(detail.Series.Count, await cells.CountAsync());
        foreach (var point in detail.Series)
        {
            var cell = table.Locator($"td[data-as-at='{point.AsAt:yyyy-MM-dd}']");
            Assert.Equal(Platform.Web.Pages.Format.Value(point.Value, detail.Indicator.Unit), (await cell.InnerTextAsync()).Trim());
        }
    }

    private sealed record FosterDto(decimal? OwnProvisionPercent);
}
