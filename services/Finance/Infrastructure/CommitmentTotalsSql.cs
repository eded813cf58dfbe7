using Microsoft.EntityFrameworkCore;

namespace Platform.Finance.Infrastructure;

/// <summary>
/// Reads and folds the running commitment totals per year and line (<see cref="Domain.CommitmentTotal"/>): a line's
/// commitments are its folded total plus the changes not folded yet (the view <c>commitment_line_totals</c>, migration
/// <c>CommitmentLineTotalsView</c>), read in one statement so a concurrent fold (which moves changes into the total in
/// one transaction) is seen wholly or not at all.
/// </summary>
public static class CommitmentTotalsSql
{
    /// <summary>Each line with at least one commitment in the year, and the sum of its commitments.</summary>
    public static Task<Dictionary<string, decimal>> PerLineAsync(FinanceDbContext db, int financialYear, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<LineAmount>($"SELECT budget_line_code AS code, amount FROM commitment_line_totals WHERE financial_year = {financialYear}")
            .ToDictionaryAsync(l => l.Code, l => l.Amount, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// Moves the year's committed changes into its totals. Only under the year's forecast lock (one fold of a year at a
    /// time); changes of transactions not committed yet are not seen and wait for the next fold.
    /// </summary>
    public static Task<int> FoldAsync(FinanceDbContext db, int financialYear, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            WITH folded AS (DELETE FROM commitment_total_changes WHERE financial_year = {financialYear}
                            RETURNING budget_line_code, amount, commitments)
            INSERT INTO commitment_totals (financial_year, budget_line_code, amount, commitments)
            SELECT {financialYear}, budget_line_code, sum(amount), sum(commitments) FROM folded GROUP BY budget_line_code
            ON CONFLICT (financial_year, budget_line_code) DO UPDATE
                SET amount = commitment_totals.amount + excluded.amount, commitments = commitment_totals.commitments + excluded.commitments
            """, cancellationToken);

    /// <summary>The first and last financial years with at least one commitment (null when there is none).</summary>
    public static async Task<(int? First, int? Last)> YearRangeAsync(FinanceDbContext db, CancellationToken cancellationToken)
    {
        var range = await db.Database.SqlQuery<YearRange>($"SELECT min(financial_year) AS first, max(financial_year) AS last FROM commitment_line_totals")
            .SingleAsync(cancellationToken);
        return (range.First, range.Last);
    }

    internal sealed record LineAmount(string Code, decimal Amount);

    internal sealed record YearRange(int? First, int? Last);
}
