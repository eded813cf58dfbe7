using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Placements.V1;
using Platform.Contracts.Workforce.V1;
using static Platform.Tests.FinanceTestKit;

namespace Platform.Tests.Finance;

/// <summary>Actuals (API and ledger import), the forecast outturn and the overspend threshold.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class FinanceForecastTests(PlatformFixture platform)
{
    private sealed record ImportDto(int Rows, List<int> FinancialYears, decimal Total);

    [Fact]
    public async Task An_adjustment_dated_years_before_its_financial_year_is_refused_naming_asAt()
    {
        using var response = await platform.Gateway.PostAsJsonAsync("/api/finance/adjustments", new
        {
            financialYear = 2027, budgetLineCode = "residential-care", amount = 1_000m, reason = "Misdated", asAt = "2019-05-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"asAt\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var listed = await platform.Gateway.GetAsync("/api/finance/adjustments?financialYear=2027&budgetLineCode=residential-care");
        Assert.DoesNotContain("Misdated", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_is_actuals_plus_commitments_plus_adjustments_plus_unmet_savings_for_a_worked_example()
    {
        const int year = 2035;
        var centre = await platform.CreateCostCentreAsync("CLA");
        await platform.SetBudgetAsync(year, centre, "fostering-services", 1_000_000m);
        await platform.SetBudgetAsync(year, centre, "residential-care", 2_000_000m);

        // Actuals: fostering £80,000 in April and £85,000.50 in May, through the API.
        (await platform.Gateway.PostAsJsonAsync("/api/finance/actuals", new { financialYear = year, period = 1, costCentreCode = centre, budgetLineCode = "fostering-services", amount = 80_000m })).EnsureSuccessStatusCode();
        (await platform.Gateway.PostAsJsonAsync("/api/finance/actuals", new { financialYear = year, period = 2, costCentreCode = centre, budgetLineCode = "fostering-services", amount = 85_000.50m })).EnsureSuccessStatusCode();

        // A ledger extract with two bad rows is refused whole, naming the rows (the header is row 1); nothing is stored.
        var bad = $"financialYear,period,costCentreCode,budgetLineCode,amount\n{year},1,{centre},residential-care,170000\n{year},13,{centre},residential-care,1\n{year},2,{centre},no-such-line,abc\n";
        var refused = await platform.Gateway.PostAsync("/api/finance/actuals/import", new StringContent(bad, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["rows[3].period", "rows[4].amount", "rows[4].budgetLineCode"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "actuals", $"cost_centre_code = '{centre}' AND budget_line_code = 'residential-care'"));

        // The corrected extract (columns in any order): residential £170,000 in April.
        var good = $"amount,budgetLineCode,costCentreCode,period,financialYear\r\n170000.00,residential-care,{centre},1,{year}\r\n";
        var imported = await (await platform.Gateway.PostAsync("/api/finance/actuals/import", new StringContent(good, Encoding.UTF8, "text/csv"))).ReadAsync<ImportDto>();
        Assert.Equal((1, 170_000m), (imported.Rows, imported.Total));

        // Commitments: an in-house foster placement at £650 a week from 3 July 2035 (273 days = 39 weeks to
        // 31 March 2036): 650 × 39 = £25,350; and a £36,600 supervising social worker post for the whole year
        // (1 April 2035 – 31 March 2036, 366 of 366 days): £36,600. Fostering commitments: £61,950.
        var child = $"C{Random.Shared.Next(100_000_000, 999_999_999)}";
        var placement = new PlacementStarted(Guid.NewGuid(), child, new DateOnly(year, 7, 3), "S", "C2", "U4", "PR1", 650m);
        var post = new PostCreated(Guid.NewGuid(), "FOSTERING", "social-worker", "SW2", 1m, 36_600m, "fostering-services", new DateOnly(year, 4, 1));
        await platform.PublishAsync(placement);
        await platform.PublishAsync(post);
        await EventuallyAsync(async () => (await platform.ForecastAsync(year)).Lines.SingleOrDefault(l => l.BudgetLineCode == "fostering-services" && l.Commitments == 61_950m));

        // Adjustments: +£40,000 expected new demand on fostering; −£10,000 on residential.
        (await platform.Gateway.PostAsJsonAsync("/api/finance/adjustments", new { financialYear = year, budgetLineCode = "residential-care", amount = -10_000m, reason = "Step-down to foster care agreed", asAt = $"{year}-06-30" })).EnsureSuccessStatusCode();
        (await platform.Gateway.PostAsJsonAsync("/api/finance/adjustments", new { financialYear = year, budgetLineCode = "fostering-services", amount = 40_000m, reason = "Expected new demand: three more placements", asAt = $"{year}-06-30" })).EnsureSuccessStatusCode();

        // Savings: a £100,000 fostering target at risk with £30,000 delivered leaves £70,000 unmet.
        var target = await (await platform.Gateway.PostAsJsonAsync("/api/finance/savings-targets", new
        {
            financialYear = year, name = "Recruit in-house foster carers", owningService = "Children's Social Care", budgetLineCode = "fostering-services", target = 100_000m,
        })).ReadAsync<IdDto>();
        (await platform.Gateway.PostAsJsonAsync($"/api/finance/savings-targets/{target.Id}/progress", new { status = "at-risk", delivered = 30_000m, asAt = $"{year}-06-30" })).EnsureSuccessStatusCode();

        // Fostering: 165,000.50 actuals + 61,950 commitments + 40,000 adjustments + 70,000 unmet savings = 336,950.50,
        // against 1,000,000: variance −663,049.50. Residential: 170,000 − 10,000 = 160,000; variance −1,840,000.
        // Total: 496,950.50 against 3,000,000.
        var forecast = await platform.ForecastAsync(year);
        var fostering = forecast.Lines.Single(l => l.BudgetLineCode == "fostering-services");
        Assert.Equal((1_000_000m, 165_000.50m, 61_950m, 40_000m, 70_000m, 336_950.50m, -663_049.50m),
            (fostering.Budget, fostering.Actuals, fostering.Commitments, fostering.Adjustments, fostering.UnmetSavings, fostering.Forecast, fostering.Variance));
        var residential = forecast.Lines.Single(l => l.BudgetLineCode == "residential-care");
        Assert.Equal((2_000_000m, 170_000m, 0m, -10_000m, 0m, 160_000m, -1_840_000m),
            (residential.Budget, residential.Actuals, residential.Commitments, residential.Adjustments, residential.UnmetSavings, residential.Forecast, residential.Variance));
        Assert.Equal((3_000_000m, 496_950.50m, -2_503_049.50m), (forecast.TotalBudget, forecast.TotalForecast, forecast.TotalVariance));

        // The last ForecastUpdated for the line carries the same real numbers.
        var updates = await platform.OutboxPayloadsAsync("ForecastUpdated", $"payload->>'financialYear' = '{year}' AND payload->>'budgetLineCode' = 'fostering-services'");
        var last = JsonDocument.Parse(updates[^1]).RootElement;
        Assert.Equal((1_000_000m, 165_000.50m, 61_950m, 40_000m, 70_000m, 336_950.50m, 3_000_000m, 496_950.50m),
            (last.GetProperty("budget").GetDecimal(), last.GetProperty("actuals").GetDecimal(), decimal.Round(last.GetProperty("commitments").GetDecimal(), 2),
             last.GetProperty("adjustments").GetDecimal(), last.GetProperty("unmetSavings").GetDecimal(), decimal.Round(last.GetProperty("forecast").GetDecimal(), 2),
             last.GetProperty("totalBudget").GetDecimal(), decimal.Round(last.GetProperty("totalForecast").GetDecimal(), 2)));
    }

    [Fact]
    public async Task The_overspend_threshold_event_is_raised_once_per_crossing()
    {
        // Default threshold £1,000,000 of forecast overspend (total forecast − total budget).
        const int year = 2041;
        var centre = await platform.CreateCostCentreAsync("RES");
        await platform.SetBudgetAsync(year, centre, "residential-care", 5_000_000m);

        async Task Actual(int period, decimal amount) =>
            (await platform.Gateway.PostAsJsonAsync("/api/finance/actuals", new { financialYear = year, period, costCentreCode = centre, budgetLineCode = "residential-care", amount })).EnsureSuccessStatusCode();
        async Task Adjust(decimal amount) =>
            (await platform.Gateway.PostAsJsonAsync("/api/finance/adjustments", new { financialYear = year, budgetLineCode = "residential-care", amount, reason = "Demand", asAt = $"{year}-09-30" })).EnsureSuccessStatusCode();
        Task<List<string>> Crossings() => platform.OutboxPayloadsAsync("OverspendThresholdCrossed", $"payload->>'financialYear' = '{year}'");

        await Actual(1, 5_900_000m);   // overspend 900,000: below
        Assert.Empty(await Crossings());
        await Adjust(200_000m);        // 1,100,000: crosses above
        await Actual(2, 50_000m);      // 1,150,000: still above, no new event
        await Adjust(100_000m);        // 1,250,000: still above
        Assert.Single(await Crossings());
        await Adjust(-400_000m);       // 850,000: crosses below
        await Adjust(-50_000m);        // 800,000: still below
        await Adjust(300_000m);        // 1,100,000: crosses above again

        var crossings = (await Crossings()).Select(p => JsonDocument.Parse(p).RootElement).ToList();
        Assert.Equal(["above", "below", "above"], crossings.Select(c => c.GetProperty("direction").GetString()));
        Assert.Equal([1_100_000m, 850_000m, 1_100_000m], crossings.Select(c => c.GetProperty("forecastOverspend").GetDecimal()));
        Assert.All(crossings, c => Assert.Equal(1_000_000m, c.GetProperty("threshold").GetDecimal()));
        Assert.True((await platform.ForecastAsync(year)).AboveThreshold);
    }
}
