using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;

namespace Platform.Web.Pages.Services;

/// <summary>
/// Finance: budget against forecast outturn by S251 line for a financial year, with the CSV of the report; the overspend
/// trend and the year's virements. The year comes from <c>financialYear</c>, else from the year of <c>asAt</c> (the date
/// the other pages link with), else the current year.
/// </summary>
public sealed class FinanceModel(GatewayClient gateway) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? FinancialYear { get; set; }

    /// <summary>The date the page was opened for (from another page's link); it also dates the overspend trend when it falls in the year.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsAt { get; set; }

    public int Year => FinancialYear ?? Format.FinancialYearOf(AsAt ?? BoardLoader.Today());

    public string YearName => Report?.FinancialYearName ?? Format.FinancialYear(Year);

    private DateOnly YearStart => new(Math.Clamp(Year, 1, 9998), 4, 1);

    private DateOnly YearEnd => new(Math.Clamp(Year, 1, 9998) + 1, 3, 31);

    private bool AsAtInYear => AsAt is { } d && d >= YearStart && d <= YearEnd;

    /// <summary>The date within the year the page shows: the chosen date, else today clamped to the year (its end for a past year).</summary>
    public DateOnly Date
    {
        get
        {
            if (AsAtInYear) return AsAt!.Value;
            var today = BoardLoader.Today();
            return today < YearStart ? YearStart : today > YearEnd ? YearEnd : today;
        }
    }

    /// <summary>The date links to other pages carry: the page's date when a date or a year was chosen, none for the current year by default.</summary>
    public DateOnly? LinkDate => AsAtInYear ? AsAt : FinancialYear is null ? null : Date;

    public ForecastReport? Report { get; private set; }

    /// <summary>Whether any line of the year has a budget (budgets are never negative).</summary>
    public bool HasBudget => Report?.Lines.Any(l => l.Budget != 0) == true;

    /// <summary>
    /// Whether the year has a forecast: Finance forecasts from actuals, commitments, adjustments and unmet savings, so a
    /// year with none of them has no forecast yet (its "forecast" of £0 is not a figure to show).
    /// </summary>
    public bool HasForecast => Report?.Lines.Any(l => l.Actuals != 0 || l.Commitments != 0 || l.Adjustments != 0 || l.UnmetSavings != 0) == true;

    public ApiProblem? Problem { get; private set; }

    /// <summary>Forecast outturn minus budget at each month end to the page's date.</summary>
    public IndicatorTrendView? Overspend { get; private set; }

    /// <summary>The year's virements (draft, approved and rejected), oldest first.</summary>
    public IReadOnlyList<Virement> Virements { get; private set; } = [];

    /// <summary>Cost centre names by code, for the virements' lines.</summary>
    public IReadOnlyDictionary<string, string> CostCentreNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<ForecastLine> Lines => Report?.Lines.Where(l => l.Budget != 0 || l.Forecast != 0).ToList() ?? [];

    /// <summary>A line's name as Finance gives it, or the S251 name of its code: never the code.</summary>
    public static string LineName(ForecastLine line) =>
        line is null ? "" : string.IsNullOrWhiteSpace(line.BudgetLineName) || line.BudgetLineName == line.BudgetLineCode ? Format.BudgetLine(line.BudgetLineCode) : line.BudgetLineName;

    public string CostCentreName(string code) => CostCentreNames.TryGetValue(code, out var name) ? name : code;

    public IReadOnlyList<BarRow> Bars => Lines
        .Select(l => new BarRow(LineName(l), l.Budget, HasForecast ? l.Forecast : null, HasBudget && HasForecast && l.Overspent)).ToList();

    /// <summary>The year's savings programme: each target and what is delivered against it (Finance's figures).</summary>
    public IReadOnlyList<SavingsTarget> SavingsTargets { get; private set; } = [];

    public SavingsSummary? Savings { get; private set; }

    public BarChartView SavingsChart => ServiceCharts.SavingsChart(SavingsTargets, YearName);

    public BarChartView Chart => new($"Budget and forecast outturn by S251 line, {YearName}", Bars, "Budget", HasForecast ? "Forecast (red when overspent)" : null, "£");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var report = await gateway.GetAsync<ForecastReport>($"/api/finance/reports/budget-vs-forecast?financialYear={Year}", cancellationToken);
        (Report, Problem) = (report.Value, report.Problem);
        if (Report is null || (HasBudget && HasForecast))
        {
            Overspend = await IndicatorTrends.LoadAsync(gateway, $"Forecast overspend (forecast outturn minus budget) to {Format.Date(Date)}", "overspend-trend", Date,
                [("forecast-overspend", "Forecast overspend", "council")], cancellationToken);
        }
        (SavingsTargets, Savings) = await ServiceCharts.SavingsAsync(gateway, Year, cancellationToken);
        var virements = await gateway.GetAsync<PageOf<Virement>>($"/api/finance/virements?financialYear={Year}&pageSize=100", cancellationToken);
        Virements = virements.Value?.Items ?? [];
        Problem ??= virements.Problem;
        var centres = await Task.WhenAll(Virements.SelectMany(v => v.Lines).Select(l => l.CostCentreCode).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(code => gateway.GetAsync<CostCentre>($"/api/finance/cost-centres/{Uri.EscapeDataString(code)}", cancellationToken)));
        CostCentreNames = centres.Where(c => c.IsSuccess).Select(c => c.Value!)
            .GroupBy(c => c.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The report as CSV, as the Finance API writes it.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = await gateway.GetTextAsync($"/api/finance/reports/budget-vs-forecast?financialYear={Year}&format=csv", cancellationToken);
        if (!csv.IsSuccess) return StatusCode(csv.Problem!.Status);
        return File(System.Text.Encoding.UTF8.GetBytes(csv.Value!), "text/csv", $"budget-vs-forecast-{Year}.csv");
    }
}
