using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

/// <summary>
/// A manual forecast adjustment on a line, e.g. expected new demand or a known one-off, with why and who. Positive
/// adds to the forecast, negative reduces it.
/// </summary>
public sealed class ForecastAdjustment
{
    private ForecastAdjustment() { }

    public ForecastAdjustment(Guid id, FinancialYear year, string budgetLineCode, decimal amount, string reason, string madeBy, DateOnly asAt, DateTimeOffset recordedAt)
    {
        if (!BudgetLineCodes.All.ContainsKey(budgetLineCode)) throw DomainRuleException.ForField("budgetLineCode", $"Unknown budget line '{budgetLineCode}'.");
        if (amount == 0) throw DomainRuleException.ForField("amount", "An adjustment must change the forecast.");
        if (Math.Abs(amount) > Budget.MaxAmount) throw DomainRuleException.ForField("amount", "An adjustment is at most £1bn either way.");
        // An adjustment belongs to its year's forecast: made during the year, or in the year before while it is planned;
        // never years earlier or after the year has closed.
        if (asAt < year.Start.AddYears(-1) || asAt > year.End)
        {
            throw DomainRuleException.ForField("asAt",
                $"Must fall within {year.Name} or the year before it ({year.Start.AddYears(-1):yyyy-MM-dd} to {year.End:yyyy-MM-dd}).");
        }
        Id = id;
        FinancialYear = year.StartYear;
        BudgetLineCode = budgetLineCode;
        Amount = amount;
        Reason = reason;
        MadeBy = madeBy;
        AsAt = asAt;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public int FinancialYear { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    public decimal Amount { get; private set; }

    public string Reason { get; private set; } = "";

    public string MadeBy { get; private set; } = "";

    public DateOnly AsAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }
}
