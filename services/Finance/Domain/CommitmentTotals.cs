namespace Platform.Finance.Domain;

/// <summary>
/// The running total of a year's commitments on one budget line and how many commitments make it: what the forecast
/// and <c>GET /commitments/summary</c> read, so their cost does not grow with the year's commitments. Written only
/// by folding <see cref="CommitmentTotalChange"/>s into it, under the year's forecast lock
/// (<c>Infrastructure.CommitmentTotalsSql</c>).
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
/// What one statement on <c>commitments</c> changed a (year, line) total by. Appended by the table's triggers (migration
/// <c>CommitmentRunningTotals</c>) in the statement's own transaction, whoever writes the rows, so the totals cannot
/// drift from them; never updated, so recording one waits for nobody; folded into <see cref="CommitmentTotal"/> by the
/// next recalculation of the year.
/// </summary>
public sealed class CommitmentTotalChange
{
    private CommitmentTotalChange() { }

    public long Id { get; private set; }

    public int FinancialYear { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    /// <summary>What the line's total changes by (negative when commitments fell or went).</summary>
    public decimal Amount { get; private set; }

    /// <summary>Commitments added (positive) or removed (negative).</summary>
    public int Commitments { get; private set; }
}
