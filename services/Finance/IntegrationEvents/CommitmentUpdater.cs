using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Domain;
using Platform.Finance.Application;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Data;

namespace Platform.Finance.IntegrationEvents;

/// <summary>
/// Applies one event to a commitment source and replaces that source's commitments with the recomputed ones; the
/// years and lines whose commitment changed are remembered, each with its latest change date, and
/// <see cref="RecalculateForecastsAsync"/> recalculates each such year once for the whole batch of events (or, when
/// another transaction is recomputing that year, leaves it to the deferred forecast service, see
/// <see cref="ForecastRecalculator.RecalculateOrDeferAsync"/>). Scoped: one instance per batch.
/// </summary>
public sealed class CommitmentUpdater(FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock)
{
    private readonly SortedDictionary<int, Dictionary<string, DateOnly>> touched = [];

    // A batch applied set-wise: its sources (null: not stored yet) and their commitments, loaded once and kept as the
    // batch's events change them, so that the events read nothing else.
    private readonly Dictionary<string, CommitmentSource?> loadedSources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Commitment>> loadedCommitments = new(StringComparer.Ordinal);

    // The commitments a batch applied set-wise adds, untracked: inserted together by InsertAddedAsync, one statement
    // (so one run of the totals' trigger) for the batch instead of one per row. A later event of the batch that changes
    // one changes this object; one that removes it takes it out of the set.
    private readonly HashSet<Commitment> added = new(ReferenceEqualityComparer.Instance);

    /// <summary>Loads the sources a batch's events will change, and their commitments, in two statements.</summary>
    public async Task LoadAsync(IEnumerable<string> sources, CancellationToken cancellationToken)
    {
        var keys = sources.Distinct(StringComparer.Ordinal).Where(k => !loadedSources.ContainsKey(k)).ToArray();
        if (keys.Length == 0) return;
        var stored = await db.CommitmentSources.Where(s => keys.Contains(s.Source)).ToDictionaryAsync(s => s.Source, StringComparer.Ordinal, cancellationToken);
        var commitments = await db.Commitments.Where(c => keys.Contains(c.Source)).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            loadedSources[key] = stored.GetValueOrDefault(key);
            loadedCommitments[key] = [];
        }
        foreach (var commitment in commitments) loadedCommitments[commitment.Source].Add(commitment);
    }

    /// <summary>Forgets what <see cref="LoadAsync"/> loaded (the tracked entities were cleared after a rollback).</summary>
    public void Forget()
    {
        loadedSources.Clear();
        loadedCommitments.Clear();
        added.Clear();
    }

    public async Task ApplyAsync(string source, CommitmentKind kind, Action<CommitmentSource> change, DateOnly asAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var loaded = loadedSources.TryGetValue(source, out var commitmentSource);
        if (!loaded) commitmentSource = await db.CommitmentSources.FirstOrDefaultAsync(s => s.Source == source, cancellationToken);
        if (commitmentSource is null)
        {
            commitmentSource = new CommitmentSource(source, kind);
            db.CommitmentSources.Add(commitmentSource);
        }
        change(commitmentSource);

        var existing = loaded ? loadedCommitments[source] : await db.Commitments.Where(c => c.Source == source).ToListAsync(cancellationToken);
        var fresh = commitmentSource.Commitments();
        var kept = new List<Commitment>(fresh.Count);
        foreach (var old in existing)
        {
            var replacement = fresh.FirstOrDefault(c => c.FinancialYear == old.FinancialYear && c.BudgetLineCode == old.BudgetLineCode);
            if (replacement is null)
            {
                if (!added.Remove(old)) db.Commitments.Remove(old);
                Touch(old.FinancialYear, old.BudgetLineCode, asAt);
                continue;
            }
            if (replacement.Amount != old.Amount || replacement.CommittedFrom != old.CommittedFrom || replacement.CommittedTo != old.CommittedTo)
            {
                old.Update(replacement.CommittedFrom, replacement.CommittedTo, replacement.Amount);
                Touch(old.FinancialYear, old.BudgetLineCode, asAt);
            }
            kept.Add(old);
        }
        foreach (var commitment in fresh.Where(c => !existing.Any(o => o.FinancialYear == c.FinancialYear && o.BudgetLineCode == c.BudgetLineCode)))
        {
            if (loaded) added.Add(commitment);
            else db.Commitments.Add(commitment);
            kept.Add(commitment);
            Touch(commitment.FinancialYear, commitment.BudgetLineCode, asAt);
        }
        if (loaded)
        {
            loadedSources[source] = commitmentSource;
            loadedCommitments[source] = kept;
        }
    }

    /// <summary>
    /// Inserts the commitments the batch applied set-wise added, in one statement, and records them in the audit trail
    /// as a tracked insert would be. Called after the batch's tracked changes are saved (a removed row's key may come back).
    /// </summary>
    public async Task InsertAddedAsync(CancellationToken cancellationToken)
    {
        if (added.Count == 0) return;
        var rows = added.ToArray();
        added.Clear();
        var sources = rows.Select(c => c.Source).ToArray();
        var years = rows.Select(c => c.FinancialYear).ToArray();
        var lines = rows.Select(c => c.BudgetLineCode).ToArray();
        var kinds = rows.Select(c => c.Kind.ToString()).ToArray();
        var amounts = rows.Select(c => c.Amount).ToArray();
        var froms = rows.Select(c => c.CommittedFrom).ToArray();
        var tos = rows.Select(c => c.CommittedTo).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO commitments (source, financial_year, budget_line_code, kind, amount, committed_from, committed_to)
            SELECT * FROM unnest({sources}, {years}, {lines}, {kinds}, {amounts}, {froms}, {tos})
            """, cancellationToken);
        DataAccessAudit.RecordInserted(db, clock.GetUtcNow(), nameof(Commitment), rows.Length,
            rows.Select(c => string.Join('/', c.Source, c.FinancialYear.ToString(CultureInfo.InvariantCulture), c.BudgetLineCode)));
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
