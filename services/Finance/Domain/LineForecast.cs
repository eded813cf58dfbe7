namespace Platform.Finance.Domain;

/// <summary>
/// The forecast outturn of one line: actuals to date + commitments + manual adjustments + unmet savings,
/// against its budget. Variance = forecast − budget; positive is an overspend.
/// </summary>
public sealed record LineForecast(string BudgetLineCode, decimal Budget, decimal Actuals, decimal Commitments, decimal Adjustments, decimal UnmetSavings)
{
    public decimal Forecast => Actuals + Commitments + Adjustments + UnmetSavings;

    public decimal Variance => Forecast - Budget;

    public static LineForecast Empty(string code) => new(code, 0, 0, 0, 0, 0);
}

/// <summary>Every line of a year with any budget, spend, commitment, adjustment or saving, and the totals.</summary>
public sealed record YearForecast(int FinancialYear, IReadOnlyList<LineForecast> Lines)
{
    public decimal TotalBudget => Lines.Sum(l => l.Budget);

    public decimal TotalForecast => Lines.Sum(l => l.Forecast);

    public decimal TotalVariance => TotalForecast - TotalBudget;

    public LineForecast Line(string code) => Lines.FirstOrDefault(l => l.BudgetLineCode == code) ?? LineForecast.Empty(code);
}
