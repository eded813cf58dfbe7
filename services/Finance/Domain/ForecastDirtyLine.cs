namespace Platform.Finance.Domain;

/// <summary>
/// A budget line whose forecast changed in a consumer's transaction but was not recomputed there (the year was
/// being recomputed by another transaction at that moment). The deferred forecast service recomputes the year,
/// publishes ForecastUpdated for the line and removes the row. Rows are appended, never updated, so recording one
/// waits for nobody.
/// </summary>
public sealed class ForecastDirtyLine
{
    private ForecastDirtyLine() { }

    public ForecastDirtyLine(int financialYear, string budgetLineCode, DateOnly asAt)
    {
        FinancialYear = financialYear;
        BudgetLineCode = budgetLineCode;
        AsAt = asAt;
    }

    public long Id { get; private set; }

    public int FinancialYear { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    /// <summary>The business date of the change, carried into the ForecastUpdated it leads to.</summary>
    public DateOnly AsAt { get; private set; }
}
