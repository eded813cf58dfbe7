namespace Platform.Finance.Domain;

/// <summary>
/// Spend committed on a budget line in a financial year by one source (a post, an agency worker, a placement),
/// derived from that source's <see cref="CommitmentSource"/> whenever one of its events arrives. One row per
/// source, year and line; a later event about the same source recomputes it.
/// </summary>
public sealed class Commitment
{
    private Commitment() { }

    internal Commitment(string source, CommitmentKind kind, string budgetLineCode, FinancialYear year, DateOnly from, DateOnly to, decimal amount)
    {
        Source = source;
        Kind = kind;
        BudgetLineCode = budgetLineCode;
        FinancialYear = year.StartYear;
        Update(from, to, amount);
    }

    /// <summary>Decimal places kept for amounts.</summary>
    public const int AmountScale = 4;

    /// <summary>What drives the commitment, e.g. <c>post:{id}</c>.</summary>
    public string Source { get; private set; } = "";

    public CommitmentKind Kind { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    public int FinancialYear { get; private set; }

    /// <summary>First day of the year the cost runs.</summary>
    public DateOnly CommittedFrom { get; private set; }

    /// <summary>Last day of the year the cost runs (31 March unless it stops earlier).</summary>
    public DateOnly CommittedTo { get; private set; }

    /// <summary>
    /// Pounds, kept to 1/100 of a penny (pro rata divisions are otherwise 28-digit decimals whose sums no longer fit
    /// a decimal); rounding to pence happens only when presented.
    /// </summary>
    public decimal Amount { get; private set; }

    internal void Update(DateOnly from, DateOnly to, decimal amount)
    {
        CommittedFrom = from;
        CommittedTo = to;
        Amount = decimal.Round(amount, AmountScale, MidpointRounding.ToEven);
    }
}
