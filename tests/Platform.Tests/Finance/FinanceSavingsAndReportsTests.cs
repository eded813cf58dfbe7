using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Contracts.Placements.V1;
using Platform.Contracts.Workforce.V1;
using static Platform.Tests.FinanceTestKit;

namespace Platform.Tests.Finance;

/// <summary>The savings programme feeding the forecast, and the budget-vs-forecast and unit-cost reports.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class FinanceSavingsAndReportsTests(PlatformFixture platform)
{
    private sealed record TargetDto(Guid Id, string Status, decimal Shortfall, decimal UnmetInForecast);

    private sealed record ProgrammeDto(List<TargetDto> Targets, decimal TotalTarget, decimal TotalUnmetInForecast);

    private sealed record PlacementTypeDto(string PlacementType, int Placements, decimal AverageWeeklyCost);

    private sealed record StaffDto(string Employment, int Count, decimal Fte, decimal AnnualCostPerFte);

    private sealed record UnitCostsDto(List<PlacementTypeDto> PlacementTypes, List<StaffDto> SocialWorkers, decimal? AgencyPremiumPerFte);

    [Fact]
    public async Task Unmet_savings_feed_the_forecast_and_a_missed_target_is_published_once()
    {
        const int year = 2039;
        async Task<TargetDto> Target(string name, string service, string line, decimal amount) =>
            await (await platform.Gateway.PostAsJsonAsync("/api/finance/savings-targets", new { financialYear = year, name, owningService = service, budgetLineCode = line, target = amount })).ReadAsync<TargetDto>();
        var placements = await Target("Reduce residential placements", "Children's Social Care", "residential-care", 500_000m);
        var streets = await Target("Street cleaning rounds", "Street Care", "other-council-services", 200_000m);
        var agency = await Target("Reduce agency social workers", "Children's Social Care", "social-work", 50_000m);

        // At risk with £100,000 delivered: £400,000 unmet is forecast on residential care.
        var atRisk = await (await platform.Gateway.PostAsJsonAsync($"/api/finance/savings-targets/{placements.Id}/progress", new { status = "at-risk", delivered = 100_000m })).ReadAsync<TargetDto>();
        Assert.Equal(400_000m, atRisk.UnmetInForecast);
        Assert.Equal(400_000m, (await platform.ForecastAsync(year)).Lines.Single(l => l.BudgetLineCode == "residential-care").UnmetSavings);

        // Marked missed twice: one SavingsTargetMissed.
        (await platform.Gateway.PostAsJsonAsync($"/api/finance/savings-targets/{placements.Id}/progress", new { status = "missed", delivered = 100_000m })).EnsureSuccessStatusCode();
        (await platform.Gateway.PostAsJsonAsync($"/api/finance/savings-targets/{placements.Id}/progress", new { status = "missed", delivered = 150_000m })).EnsureSuccessStatusCode();
        Assert.Equal(1, await platform.CountOutboxAsync("SavingsTargetMissed", $"payload->>'savingsTargetId' = '{placements.Id}'"));
        Assert.Equal(350_000m, (await platform.ForecastAsync(year)).Lines.Single(l => l.BudgetLineCode == "residential-care").UnmetSavings);

        // Year end: the street target delivered in full is delivered; the agency target with nothing delivered is missed.
        (await platform.Gateway.PostAsJsonAsync($"/api/finance/savings-targets/{streets.Id}/progress", new { status = "on-track", delivered = 200_000m })).EnsureSuccessStatusCode();
        var closed = await (await platform.Gateway.PostAsJsonAsync("/api/finance/savings-targets/year-end", new { financialYear = year })).ReadAsync<ProgrammeDto>();
        Assert.Equal("delivered", closed.Targets.Single(t => t.Id == streets.Id).Status);
        Assert.Equal("missed", closed.Targets.Single(t => t.Id == agency.Id).Status);
        Assert.Equal((750_000m, 400_000m), (closed.TotalTarget, closed.TotalUnmetInForecast));
        Assert.Equal(1, await platform.CountOutboxAsync("SavingsTargetMissed", $"payload->>'savingsTargetId' = '{agency.Id}'"));
        Assert.Equal(0, await platform.CountOutboxAsync("SavingsTargetMissed", $"payload->>'savingsTargetId' = '{streets.Id}'"));
        Assert.Equal(1, await platform.CountOutboxAsync("SavingsTargetMissed", $"payload->>'savingsTargetId' = '{placements.Id}'"));

        var summary = await (await platform.Gateway.GetAsync($"/api/finance/savings-targets/summary?financialYear={year}")).ReadAsync<SummaryDto>();
        Assert.Equal((3, 750_000m, 350_000m, 400_000m), (summary.Targets, summary.TotalTarget, summary.TotalDelivered, summary.TotalUnmetInForecast));
        var missed = await (await platform.Gateway.GetAsync($"/api/finance/savings-targets?financialYear={year}&status=missed")).ReadAsync<PageDto<TargetDto>>();
        Assert.Equal(2, missed.TotalCount);
    }

    private sealed record SummaryDto(int Targets, decimal TotalTarget, decimal TotalDelivered, decimal TotalUnmetInForecast);

    [Fact]
    public async Task Reports_give_budget_vs_forecast_by_s251_line_and_unit_costs_as_json_and_csv()
    {
        const int year = 2037;
        var centre = await platform.CreateCostCentreAsync("REP");
        await platform.SetBudgetAsync(year, centre, "fostering-services", 100_000m);

        // In-house foster placements at £600 and £700 a week (average £650), one children's home at £4,000;
        // employed social workers £45,000 (1 FTE) and £22,500 (0.5 FTE): £45,000 per FTE; an agency social
        // worker at £300 a day: 300 × 260 = £78,000 per FTE, £33,000 more.
        var start = new DateOnly(year, 4, 6);
        var events = new List<Platform.Contracts.IntegrationEvent>
        {
            new PlacementStarted(Guid.NewGuid(), "C100000001", start, "S", "C2", "U4", "PR1", 600m),
            new PlacementStarted(Guid.NewGuid(), "C100000002", start, "S", "C2", "U4", "PR1", 700m),
            new PlacementStarted(Guid.NewGuid(), "C100000003", start, "S", "C2", "K2", "PR4", 4_000m),
            new PostCreated(Guid.NewGuid(), "REP", "social-worker", "SW2", 1m, 45_000m, "social-work", start),
            new PostCreated(Guid.NewGuid(), "REP", "social-worker", "SW2", 0.5m, 22_500m, "social-work", start),
            new AgencyWorkerEngaged(Guid.NewGuid(), null, "REP", "social-worker", 1m, 300m, "social-work", start, null),
        };
        foreach (var message in events) await platform.PublishAnyAsync(message);
        foreach (var message in events) await platform.AppliedAsync(message.EventId);

        var costs = await (await platform.Gateway.GetAsync($"/api/finance/reports/unit-costs?financialYear={year}")).ReadAsync<UnitCostsDto>();
        Assert.Equal([("K2", 1, 4_000m), ("U4", 2, 650m)], costs.PlacementTypes.Select(p => (p.PlacementType, p.Placements, p.AverageWeeklyCost)));
        Assert.Equal([("employed", 2, 1.5m, 45_000m), ("agency", 1, 1m, 78_000m)], costs.SocialWorkers.Select(s => (s.Employment, s.Count, s.Fte, s.AnnualCostPerFte)));
        Assert.Equal(33_000m, costs.AgencyPremiumPerFte);

        var csvCosts = await platform.Gateway.GetAsync($"/api/finance/reports/unit-costs?financialYear={year}&format=csv");
        Assert.Equal("text/csv", csvCosts.Content.Headers.ContentType?.MediaType);
        var costLines = (await csvCosts.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("measure,category,count,fte,weeklyCost,annualCostPerFte,committedInYear", costLines[0]);
        Assert.StartsWith("placement,U4,2,,650.00,,", costLines[2], StringComparison.Ordinal);
        Assert.StartsWith("social-worker,agency,1,1.00,", costLines[4], StringComparison.Ordinal);

        // Budget vs forecast: every S251 line, in CSV when the caller accepts text/csv.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/finance/reports/budget-vs-forecast?financialYear={year}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await platform.Gateway.SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("budgetLineCode,budgetLine,budget,actuals,commitments,adjustments,unmetSavings,forecast,variance", rows[0]);
        Assert.Equal(1 + 13 + 1, rows.Length);
        // Fostering: budget £100,000; two placements from 6 April for 360 days: (600 + 700) × 360 / 7 = £66,857.14.
        Assert.Equal("fostering-services,Children looked after: fostering services,100000.00,0.00,66857.14,0.00,0.00,66857.14,-33142.86", rows.Single(r => r.StartsWith("fostering-services", StringComparison.Ordinal)));
        var json = await (await platform.Gateway.GetAsync($"/api/finance/reports/budget-vs-forecast?financialYear={year}")).ReadAsync<ForecastDto>();
        Assert.Equal(13, json.Lines.Count);
        Assert.Equal(100_000m, json.TotalBudget);
    }
}
