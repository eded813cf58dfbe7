using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;

namespace Platform.Web.Pages.Services;

/// <summary>Finance: budget against forecast outturn by S251 line for a financial year, with the CSV of the report; the overspend trend and the year's virements.</summary>
public sealed class FinanceModel(GatewayClient gateway) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? FinancialYear { get; set; }

    public int Year => FinancialYear ?? (DateTime.UtcNow.Month >= 4 ? DateTime.UtcNow.Year : DateTime.UtcNow.Year - 1);

    public ForecastReport? Report { get; private set; }

    public ApiProblem? Problem { get; private set; }

    /// <summary>Forecast outturn minus budget at each month end to the end of the year (or today).</summary>
    public IndicatorTrendView? Overspend { get; private set; }

    /// <summary>The year's virements (draft, approved and rejected), oldest first.</summary>
    public IReadOnlyList<Virement> Virements { get; private set; } = [];

    public IReadOnlyList<BarRow> Bars => Report?.Lines.Where(l => l.Budget != 0 || l.Forecast != 0)
        .Select(l => new BarRow($"{l.BudgetLineCode} {l.BudgetLineName}", l.Budget, l.Forecast, l.Overspent)).ToList() ?? [];

    public BarChartView Chart => new($"Budget and forecast outturn by S251 line, {Report?.FinancialYearName}", Bars, "Budget", "Forecast (red when overspent)", "£");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var report = await gateway.GetAsync<ForecastReport>($"/api/finance/reports/budget-vs-forecast?financialYear={Year}", cancellationToken);
        (Report, Problem) = (report.Value, report.Problem);
        var yearEnd = new DateOnly(Year + 1, 3, 31);
        var asAt = BoardLoader.Today() < yearEnd ? BoardLoader.Today() : yearEnd;
        Overspend = await IndicatorTrends.LoadAsync(gateway, $"Forecast overspend (forecast outturn minus budget) to {Format.Date(asAt)}", "overspend-trend", asAt,
            [("forecast-overspend", "Forecast overspend", "council")], cancellationToken);
        var virements = await gateway.GetAsync<PageOf<Virement>>($"/api/finance/virements?financialYear={Year}&pageSize=100", cancellationToken);
        Virements = virements.Value?.Items ?? [];
        Problem ??= virements.Problem;
    }

    /// <summary>The report as CSV, as the Finance API writes it.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = await gateway.GetTextAsync($"/api/finance/reports/budget-vs-forecast?financialYear={Year}&format=csv", cancellationToken);
        if (!csv.IsSuccess) return StatusCode(csv.Problem!.Status);
        return File(System.Text.Encoding.UTF8.GetBytes(csv.Value!), "text/csv", $"budget-vs-forecast-{Year}.csv");
    }
}
