namespace Platform.Finance.Domain;

/// <summary>
/// The running total of a year's commitments on one budget line and how many commitments make it: what the forecast
/// and <c>GET /commitments/summary</c> read, so their cost does not grow with the year's commitments. Written only
/// by folding <see cref="CommitmentTotalChange"/>s into it, under the year's forecast lock
/// (<see cref="Infrastructure.CommitmentTotalsSql"/>).
/// </summary>
public sealed class CommitmentTotal
{
    private CommitmentTotal() { }

    public int FinancialYear { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    public decimal Amount { get; private set; }

    public int Commitments { get; private set; }
}

/// <summary>
/// A change to a line's commitment total, written in the transaction that changed the commitments (one per year and line
/// a batch of events changed). Appended, never updated, so recording one waits for nobody; folded into
/// <see cref="CommitmentTotal"/> by the next recalculation of the year.
/// </summary>
public sealed class CommitmentTotalChange
{
    private CommitmentTotalChange() { }

    public CommitmentTotalChange(int financialYear, string budgetLineCode, decimal amount, int commitments)
    {
        FinancialYear = financialYear;
        BudgetLineCode = budgetLineCode;
        Amount = amount;
        Commitments = commitments;
    }

    public long Id { get; private set; }

    public int FinancialYear { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    /// <summary>What the line's total changes by (negative when commitments fell or went).</summary>
    public decimal Amount { get; private set; }

    /// <summary>Commitments added (positive) or removed (negative).</summary>
    public int Commitments { get; private set; }
}
