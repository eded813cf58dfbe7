using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;

namespace Platform.Finance.Application;

/// <summary>
/// Computes a year's forecast outturn from what is stored, and after a change publishes ForecastUpdated for each
/// line it touched and OverspendThresholdCrossed when the year's overspend crossed the threshold. Callers run it
/// inside their transaction: it saves pending changes first, so the forecast includes them.
/// </summary>
public sealed class ForecastRecalculator(FinanceDbContext db, IOptions<FinanceOptions> options, TimeProvider clock, DeferredForecastSignal signal)
{
    public decimal Threshold => options.Value.OverspendThreshold;

    public async Task<YearForecast> ComputeAsync(int financialYear, CancellationToken cancellationToken)
    {
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.FinancialYear == financialYear)
            .GroupBy(b => b.BudgetLineCode).Select(g => new { g.Key, Amount = g.Sum(b => b.CurrentAmount) })
            .ToDictionaryAsync(g => g.Key, g => g.Amount, cancellationToken);
        var actuals = await db.Actuals.AsNoTracking().Where(a => a.FinancialYear == financialYear)
            .GroupBy(a => a.BudgetLineCode).Select(g => new { g.Key, Amount = g.Sum(a => a.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Amount, cancellationToken);
        var commitments = await CommitmentTotalsSql.PerLineAsync(db, financialYear, cancellationToken);
        var adjustments = await db.ForecastAdjustments.AsNoTracking().Where(a => a.FinancialYear == financialYear)
            .GroupBy(a => a.BudgetLineCode).Select(g => new { g.Key, Amount = g.Sum(a => a.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Amount, cancellationToken);
        var savings = await db.SavingsTargets.AsNoTracking().Where(t => t.FinancialYear == financialYear).ToListAsync(cancellationToken);
        var unmet = savings.GroupBy(t => t.BudgetLineCode).ToDictionary(g => g.Key, g => g.Sum(t => t.Unmet));

        var codes = budgets.Keys.Concat(actuals.Keys).Concat(commitments.Keys).Concat(adjustments.Keys).Concat(unmet.Keys)
            .Distinct().Order(StringComparer.Ordinal);
        var lines = codes.Select(code => new LineForecast(code, budgets.GetValueOrDefault(code), actuals.GetValueOrDefault(code),
            commitments.GetValueOrDefault(code), adjustments.GetValueOrDefault(code), unmet.GetValueOrDefault(code))).ToList();
        return new YearForecast(financialYear, lines);
    }

    /// <summary>
    /// Saves pending changes, recomputes the year and queues the events; the caller commits its transaction.
    /// The year's row is locked first, so recalculations of one year (an API call and a consumer, two consumers)
    /// run one after the other and each sees the other's committed changes: a crossing made by the two together
    /// is never missed, and none is reported twice.
    /// </summary>
    public async Task<YearForecast> RecalculateAsync(int financialYear, IEnumerable<string> changedLines, DateOnly asAt, CancellationToken cancellationToken) =>
        (await RecalculateLockedAsync(financialYear, ByLine(changedLines, asAt), asAt, skipIfLocked: false, cancellationToken))!;

    /// <summary>
    /// The consumers' path, once per batch of events: recomputes the year now if no other transaction is recomputing
    /// it, otherwise records the changed lines (each with its latest change date) in <c>forecast_dirty_lines</c> (in
    /// the caller's transaction, so with the changes and their inbox rows) for <see cref="DeferredForecastService"/>,
    /// which recomputes the year once for all of them after the holder's commit. Never waits for the year's lock, so
    /// consumers no longer queue behind each other. A crossing is dated by the batch's latest change.
    /// </summary>
    public async Task RecalculateOrDeferAsync(int financialYear, IReadOnlyDictionary<string, DateOnly> changedLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changedLines);
        var lines = changedLines.ToDictionary(StringComparer.Ordinal);
        if (await RecalculateLockedAsync(financialYear, lines, lines.Values.Max(), skipIfLocked: true, cancellationToken) is not null) return;
        foreach (var (code, asAt) in lines)
        {
            db.ForecastDirtyLines.Add(new ForecastDirtyLine(financialYear, code, asAt));
        }
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
    }

    /// <summary>
    /// The deferred path: recomputes the year under its lock (waiting for it) and publishes ForecastUpdated for each
    /// line with its latest change date; a crossing is dated by the latest change of the batch.
    /// </summary>
    public async Task RecalculateDirtyAsync(int financialYear, IReadOnlyCollection<ForecastDirtyLine> dirty, CancellationToken cancellationToken)
    {
        var lines = dirty.GroupBy(d => d.BudgetLineCode).ToDictionary(g => g.Key, g => g.Max(d => d.AsAt), StringComparer.Ordinal);
        await RecalculateLockedAsync(financialYear, lines, dirty.Max(d => d.AsAt), skipIfLocked: false, cancellationToken);
    }

    private static Dictionary<string, DateOnly> ByLine(IEnumerable<string> changedLines, DateOnly asAt) =>
        changedLines.Distinct().ToDictionary(code => code, _ => asAt, StringComparer.Ordinal);

    /// <summary>Returns null, having changed nothing but saving pending changes, when skipIfLocked and the year is locked.</summary>
    private async Task<YearForecast?> RecalculateLockedAsync(int financialYear, Dictionary<string, DateOnly> changedLines, DateOnly asAt,
        bool skipIfLocked, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Recalculate the forecast inside the transaction of the change.");
        await db.SaveChangesAsync(cancellationToken);
        // Only a year's first change creates its row. The insert is skipped when a plain (non-blocking) read finds the
        // row: INSERT … ON CONFLICT waits for any transaction that has updated the row, which would queue every
        // consumer behind the deferred recalculation that SKIP LOCKED is there to avoid.
        if (!await db.YearForecastStates.AsNoTracking().AnyAsync(s => s.FinancialYear == financialYear, cancellationToken))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO year_forecast_states (financial_year, above_threshold, forecast_overspend, calculated_at)
                VALUES ({financialYear}, false, 0, {clock.GetUtcNow()})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }
        var state = skipIfLocked
            ? await db.YearForecastStates
                .FromSql($"SELECT *, xmin FROM year_forecast_states WHERE financial_year = {financialYear} FOR UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync(cancellationToken)
            : await db.YearForecastStates
                .FromSql($"SELECT *, xmin FROM year_forecast_states WHERE financial_year = {financialYear} FOR UPDATE")
                .SingleAsync(cancellationToken);
        if (state is null) return null;

        // Holding the year's lock: the one place a year's commitment changes are folded into its totals.
        await CommitmentTotalsSql.FoldAsync(db, financialYear, cancellationToken);
        var forecast = await ComputeAsync(financialYear, cancellationToken);
        state.Recalculated(forecast, changedLines, Threshold, asAt, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return forecast;
    }
}
