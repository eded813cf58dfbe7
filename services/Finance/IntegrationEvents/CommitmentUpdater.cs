using Microsoft.EntityFrameworkCore;
using Platform.Finance.Domain;
using Platform.Finance.Application;
using Platform.Finance.Infrastructure;

namespace Platform.Finance.IntegrationEvents;

/// <summary>
/// Applies one event to a commitment source and replaces that source's commitments with the recomputed ones; the
/// years and lines whose commitment changed are remembered, each with its latest change date, and
/// <see cref="RecalculateForecastsAsync"/> recalculates each such year once for the whole batch of events (or, when
/// another transaction is recomputing that year, leaves it to the deferred forecast service, see
/// <see cref="ForecastRecalculator.RecalculateOrDeferAsync"/>). Scoped: one instance per batch.
/// </summary>
public sealed class CommitmentUpdater(FinanceDbContext db, ForecastRecalculator forecast)
{
    private readonly SortedDictionary<int, Dictionary<string, DateOnly>> touched = [];

    public async Task ApplyAsync(string source, CommitmentKind kind, Action<CommitmentSource> change, DateOnly asAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var commitmentSource = await db.CommitmentSources.FirstOrDefaultAsync(s => s.Source == source, cancellationToken);
        if (commitmentSource is null)
        {
            commitmentSource = new CommitmentSource(source, kind);
            db.CommitmentSources.Add(commitmentSource);
        }
        change(commitmentSource);

        var existing = await db.Commitments.Where(c => c.Source == source).ToListAsync(cancellationToken);
        var fresh = commitmentSource.Commitments();
        foreach (var old in existing)
        {
            var replacement = fresh.FirstOrDefault(c => c.FinancialYear == old.FinancialYear && c.BudgetLineCode == old.BudgetLineCode);
            if (replacement is null)
            {
                db.Commitments.Remove(old);
                Touch(old.FinancialYear, old.BudgetLineCode, asAt);
            }
            else if (replacement.Amount != old.Amount || replacement.CommittedFrom != old.CommittedFrom || replacement.CommittedTo != old.CommittedTo)
            {
                old.Update(replacement.CommittedFrom, replacement.CommittedTo, replacement.Amount);
                Touch(old.FinancialYear, old.BudgetLineCode, asAt);
            }
        }
        foreach (var added in fresh.Where(c => !existing.Any(o => o.FinancialYear == c.FinancialYear && o.BudgetLineCode == c.BudgetLineCode)))
        {
            db.Commitments.Add(added);
            Touch(added.FinancialYear, added.BudgetLineCode, asAt);
        }
    }

    /// <summary>Recalculates (or defers) the forecast of every year a change of this batch touched, once each, in the batch's transaction.</summary>
    public async Task RecalculateForecastsAsync(CancellationToken cancellationToken)
    {
        foreach (var (year, lines) in touched)
        {
            await forecast.RecalculateOrDeferAsync(year, lines, cancellationToken);
        }
        touched.Clear();
    }

    private void Touch(int financialYear, string line, DateOnly asAt)
    {
        if (!touched.TryGetValue(financialYear, out var lines)) touched[financialYear] = lines = new(StringComparer.Ordinal);
        lines[line] = lines.TryGetValue(line, out var latest) && latest > asAt ? latest : asAt;
    }
}
