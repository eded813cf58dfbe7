using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>
/// The service charts a board reads (recruitment, savings, placement stability, flow in and out of care and the care
/// population against England's), loaded from the owning services' APIs. The service pages and the board pack both
/// load them here, so the pack prints the figures the pages show.
/// </summary>
public sealed record ServiceChartsView(
    DateOnly Date, IReadOnlyList<Recruitment> Recruitment, string FinancialYearName, IReadOnlyList<SavingsTarget> SavingsTargets, SavingsSummary? Savings,
    IndicatorTrendView? Stability, IReadOnlyList<CareFlow> Flow, IReadOnlyList<ComparisonYear> Comparison)
{
    public static async Task<ServiceChartsView> LoadAsync(GatewayClient gateway, DateOnly date, CancellationToken cancellationToken)
    {
        var year = Format.FinancialYearOf(date);
        var (targets, savings) = await ServiceCharts.SavingsAsync(gateway, year, cancellationToken);
        return new ServiceChartsView(date, await ServiceCharts.RecruitmentAsync(gateway, date, cancellationToken), Format.FinancialYear(year), targets, savings,
            await ServiceCharts.StabilityAsync(gateway, date, cancellationToken), await ServiceCharts.FlowAsync(gateway, date, cancellationToken),
            await ServiceCharts.ComparisonAsync(gateway, date, cancellationToken));
    }
}

/// <summary>Loading and charting the service figures; each figure comes from the API of the service that owns it.</summary>
public static class ServiceCharts
{
    /// <summary>
    /// Each restructure programme planning or creating posts by the date: the month ends of the twelve months to it
    /// (a month end after the date is not shown: the board does not read figures from its future).
    /// </summary>
    public static async Task<IReadOnlyList<Recruitment>> RecruitmentAsync(GatewayClient gateway, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var from = new DateOnly(date.Year, date.Month, 1).AddMonths(-11);
        var programmes = await gateway.GetAsync<PageOf<RestructureProgramme>>("/api/workforce/restructures?pageSize=20", cancellationToken);
        var recruitment = await Task.WhenAll((programmes.Value?.Items ?? []).Select(p =>
            gateway.GetAsync<Recruitment>($"/api/workforce/restructures/{p.Id}/recruitment?from={Format.Iso(from)}&to={Format.Iso(date)}", cancellationToken)));
        return recruitment.Where(r => r.IsSuccess)
            .Select(r => r.Value! with { Months = r.Value!.Months.Where(m => m.MonthEnd <= date).ToList() })
            .Where(r => r.Months.Any(m => m.Planned > 0 || m.Created > 0)).ToList();
    }

    public static async Task<(IReadOnlyList<SavingsTarget> Targets, SavingsSummary? Summary)> SavingsAsync(GatewayClient gateway, int financialYear, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var targets = await gateway.GetAsync<PageOf<SavingsTarget>>($"/api/finance/savings-targets?financialYear={financialYear}&pageSize=100", cancellationToken);
        var summary = await gateway.GetAsync<SavingsSummary>($"/api/finance/savings-targets/summary?financialYear={financialYear}", cancellationToken);
        return (targets.Value?.Items ?? [], summary.Value);
    }

    public static Task<IndicatorTrendView> StabilityAsync(GatewayClient gateway, DateOnly date, CancellationToken cancellationToken) =>
        IndicatorTrends.LoadAsync(gateway, $"Children looked after with 3 or more placements, to {Format.Date(date)}", "three-plus-placements", date,
            [("three-plus-placements", "3+ placements in 12 months", "council")], cancellationToken);

    /// <summary>Children starting and ceasing to be looked after in each of the twelve months to the date (the last one to the date itself).</summary>
    public static async Task<IReadOnlyList<CareFlow>> FlowAsync(GatewayClient gateway, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var from = new DateOnly(date.Year, date.Month, 1).AddMonths(-11);
        var flows = await gateway.GetAsync<List<CareFlow>>($"/api/placements/indicators/flow/monthly?from={Format.Iso(from)}&to={Format.Iso(date)}", cancellationToken);
        return flows.Value ?? [];
    }

    /// <summary>Children looked after at each of the twelve month ends before the date's month, and on the date (Placements' figures).</summary>
    public static async Task<(IReadOnlyList<CarePopulation> Points, ApiProblem? Problem)> CarePopulationAsync(GatewayClient gateway, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var from = new DateOnly(date.Year, date.Month, 1).AddMonths(-12);
        var points = await gateway.GetAsync<List<CarePopulation>>($"/api/placements/indicators/care-population/monthly?from={Format.Iso(from)}&to={Format.Iso(date)}", cancellationToken);
        return (points.Value ?? [], points.Problem);
    }

    /// <summary>The care population at each 31 March to the date against England and the neighbours (Placements' figures).</summary>
    public static async Task<IReadOnlyList<ComparisonYear>> ComparisonAsync(GatewayClient gateway, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var comparison = await gateway.GetAsync<CareComparison>($"/api/placements/indicators/comparison?asAt={Format.Iso(date)}", cancellationToken);
        return comparison.Value?.Years ?? [];
    }

    public static LineChartView RecruitmentChart(Recruitment recruitment)
    {
        ArgumentNullException.ThrowIfNull(recruitment);
        var months = recruitment.Months;
        return new($"{recruitment.Name}: posts created, filled, covered by agency and vacant, to {Format.Date(months[^1].MonthEnd)}",
            months.Select(m => LineChartView.MonthLabel(m.MonthEnd)).ToList(),
            [
                new LineSeries("Planned", "planned", months.Select(m => (decimal?)m.Planned).ToList()),
                new LineSeries("Created", "council", months.Select(m => (decimal?)m.Created).ToList()),
                new LineSeries("Filled", "filled", months.Select(m => (decimal?)m.Filled).ToList()),
                new LineSeries("Agency cover", "neighbours", months.Select(m => (decimal?)m.CoveredByAgency).ToList()),
                new LineSeries("Vacant", "vacant", months.Select(m => (decimal?)m.Vacant).ToList()),
            ],
            "posts", "Posts");
    }

    public static BarChartView SavingsChart(IReadOnlyList<SavingsTarget> targets, string financialYearName) =>
        new($"Savings delivered against target, {financialYearName}",
            (targets ?? []).Select(t => new BarRow(t.Name, t.Target, t.Delivered, t.Status is "at-risk" or "missed")).ToList(),
            "Target", "Delivered (red when at risk or missed)", "£");

    public static LineChartView FlowChart(IReadOnlyList<CareFlow> flow, DateOnly date) =>
        new($"Children starting and ceasing to be looked after each month, to {Format.Date(date)}",
            (flow ?? []).Select(f => LineChartView.MonthLabel(f.To)).ToList(),
            [
                new LineSeries("Started", "council", flow!.Select(f => (decimal?)f.Started).ToList()),
                new LineSeries("Ceased", "england", flow!.Select(f => (decimal?)f.Ceased).ToList()),
            ],
            "children", "Children", "Month");

    public static LineChartView ComparisonChart(IReadOnlyList<ComparisonYear> years) =>
        new($"Children looked after per 10,000 under-18s at 31 March, {Format.Date(years[0].AsAt)} to {Format.Date(years[^1].AsAt)}",
            years.Select(y => Format.Date(y.AsAt)).ToList(),
            [
                new LineSeries("This council", "council", years.Select(y => y.RatePer10000).ToList()),
                new LineSeries("England", "england", years.Select(y => y.EnglandRatePer10000).ToList()),
                new LineSeries("Statistical neighbours", "neighbours", years.Select(y => y.StatisticalNeighbourRatePer10000).ToList()),
            ],
            "per 10,000", "Per 10,000 under-18s", "31 March");

    /// <summary>"Up 7.4 % against England's 3.1 %" for the latest year with both growths, or null.</summary>
    public static string? GrowthSentence(IReadOnlyList<ComparisonYear> years)
    {
        var latest = (years ?? []).LastOrDefault(y => y.GrowthPercent is not null && y.EnglandGrowthPercent is not null);
        if (latest is null) return null;
        return $"In the year to {Format.Date(latest.AsAt)} the council's rate {Change(latest.GrowthPercent!.Value)}, England's {Change(latest.EnglandGrowthPercent!.Value)}.";
    }

    private static string Change(decimal percent) => percent switch
    {
        > 0 => $"rose {Format.Value(percent, "%")}",
        < 0 => $"fell {Format.Value(-percent, "%")}",
        _ => "did not change",
    };
}
