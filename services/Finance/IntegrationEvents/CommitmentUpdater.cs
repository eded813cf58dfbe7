using Microsoft.EntityFrameworkCore;
using Platform.Finance.Domain;
using Platform.Finance.Application;
using Platform.Finance.Infrastructure;

namespace Platform.Finance.IntegrationEvents;

/// <summary>
/// Applies one event to a commitment source, replaces that source's commitments with the recomputed ones and
/// recalculates the forecast of every year and line whose commitment changed, or, when another transaction is
/// recomputing that year, leaves it to the deferred forecast service (see <see cref="ForecastRecalculator.RecalculateOrDeferAsync"/>).
/// </summary>
public sealed class CommitmentUpdater(FinanceDbContext db, ForecastRecalculator forecast)
{
    public async Task ApplyAsync(string source, CommitmentKind kind, Action<CommitmentSource> change, DateOnly asAt, CancellationToken cancellationToken)
    {
        var commitmentSource = await db.CommitmentSources.FirstOrDefaultAsync(s => s.Source == source, cancellationToken);
        if (commitmentSource is null)
        {
            commitmentSource = new CommitmentSource(source, kind);
            db.CommitmentSources.Add(commitmentSource);
        }
        change(commitmentSource);

        var existing = await db.Commitments.Where(c => c.Source == source).ToListAsync(cancellationToken);
        var fresh = commitmentSource.Commitments();
        var touched = new HashSet<(int Year, string Line)>();
        foreach (var old in existing)
        {
            var replacement = fresh.FirstOrDefault(c => c.FinancialYear == old.FinancialYear && c.BudgetLineCode == old.BudgetLineCode);
            if (replacement is null)
            {
                db.Commitments.Remove(old);
                touched.Add((old.FinancialYear, old.BudgetLineCode));
            }
            else if (replacement.Amount != old.Amount || replacement.CommittedFrom != old.CommittedFrom || replacement.CommittedTo != old.CommittedTo)
            {
                old.Update(replacement.CommittedFrom, replacement.CommittedTo, replacement.Amount);
                touched.Add((old.FinancialYear, old.BudgetLineCode));
            }
        }
        foreach (var added in fresh.Where(c => !existing.Any(o => o.FinancialYear == c.FinancialYear && o.BudgetLineCode == c.BudgetLineCode)))
        {
            db.Commitments.Add(added);
            touched.Add((added.FinancialYear, added.BudgetLineCode));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var year in touched.GroupBy(t => t.Year).OrderBy(g => g.Key))
        {
            await forecast.RecalculateOrDeferAsync(year.Key, year.Select(t => t.Line), asAt, cancellationToken);
        }
    }
}
