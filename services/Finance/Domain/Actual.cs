using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

/// <summary>
/// Spend posted in the ledger for one cost centre, line and period (1 = April … 12 = March) of a financial year.
/// Recording the same cost centre, line and period again replaces the amount (a ledger extract is re-run, not
/// added to).
/// </summary>
public sealed class Actual
{
    public const decimal MaxAmount = 1_000_000_000m;

    private Actual() { }

    public Actual(FinancialYear year, int period, string costCentreCode, string budgetLineCode, decimal amount, string recordedBy, DateTimeOffset recordedAt)
    {
        if (period is < 1 or > 12) throw DomainRuleException.ForField("period", "A period is 1 (April) to 12 (March).");
        if (!BudgetLineCodes.All.ContainsKey(budgetLineCode)) throw DomainRuleException.ForField("budgetLineCode", $"Unknown budget line '{budgetLineCode}'.");
        FinancialYear = year.StartYear;
        Period = period;
        CostCentreCode = costCentreCode;
        BudgetLineCode = budgetLineCode;
        Record(amount, recordedBy, recordedAt);
    }

    public int FinancialYear { get; private set; }

    public int Period { get; private set; }

    public string CostCentreCode { get; private set; } = "";

    public string BudgetLineCode { get; private set; } = "";

    /// <summary>Net spend in pounds; negative for a period where income or credits exceed spend.</summary>
    public decimal Amount { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public void Record(decimal amount, string recordedBy, DateTimeOffset recordedAt)
    {
        if (Math.Abs(amount) > MaxAmount) throw DomainRuleException.ForField("amount", "An actual is at most £1bn either way.");
        Amount = amount;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }
}
