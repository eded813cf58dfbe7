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

    // The sources and commitments a batch applied set-wise adds, untracked: inserted by InsertAddedAsync in one statement
    // each for the whole batch (one run of the totals' trigger, no tracked insert per event). A later event of the batch
    // about one changes that object; one that removes a commitment takes it out of the set.
    private readonly HashSet<CommitmentSource> addedSources = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Commitment> added = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Loads the sources a batch's events will change, and the commitments of those stored, in at most two statements.
    /// Commitments are only ever written with their source, so a source not stored has none: a batch of new posts reads
    /// no commitments (reading them for every source was 6 ms a batch of 200, 29 % of PostgreSQL's time in the bench's
    /// pipeline). Were one there all the same, its insert would conflict on the key and the batch would go again one
    /// event at a time, reading each source's commitments.
    /// </summary>
    public async Task LoadAsync(IEnumerable<string> sources, CancellationToken cancellationToken)
    {
        var keys = sources.Distinct(StringComparer.Ordinal).Where(k => !loadedSources.ContainsKey(k)).ToArray();
        if (keys.Length == 0) return;
        var stored = await db.CommitmentSources.Where(s => keys.Contains(s.Source)).ToDictionaryAsync(s => s.Source, StringComparer.Ordinal, cancellationToken);
        var storedKeys = stored.Keys.ToArray();
        var commitments = storedKeys.Length == 0
            ? []
            : await db.Commitments.Where(c => storedKeys.Contains(c.Source)).ToListAsync(cancellationToken);
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
        addedSources.Clear();
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
            if (loaded) addedSources.Add(commitmentSource);
            else db.CommitmentSources.Add(commitmentSource);
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
    /// Inserts the sources and commitments the batch applied set-wise added, one statement each, and records them in the
    /// audit trail as tracked inserts would be. Called after the batch's tracked changes are saved (a removed row's key
    /// may come back).
    /// </summary>
    public async Task InsertAddedAsync(CancellationToken cancellationToken)
    {
        if (addedSources.Count > 0)
        {
            var sources = addedSources.ToArray();
            addedSources.Clear();
            var keys = sources.Select(s => s.Source).ToArray();
            var kinds = sources.Select(s => s.Kind.ToString()).ToArray();
            var jobRoles = sources.Select(s => s.JobRole).ToArray();
            var ftes = sources.Select(s => s.Fte).ToArray();
            var placementTypes = sources.Select(s => s.PlacementType).ToArray();
            var plannedEnds = sources.Select(s => s.PlannedEnd).ToArray();
            var stoppedAfters = sources.Select(s => s.StoppedAfter).ToArray();
            var segments = sources.Select(s => JsonColumn<RateSegment>.Write(s.Segments)).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO commitment_sources (source, kind, job_role, fte, placement_type, planned_end, stopped_after, segments)
                SELECT source, kind, job_role, fte, placement_type, planned_end, stopped_after, segments::jsonb
                FROM unnest({keys}, {kinds}, {jobRoles}, {ftes}, {placementTypes}, {plannedEnds}, {stoppedAfters}, {segments})
                    AS added (source, kind, job_role, fte, placement_type, planned_end, stopped_after, segments)
                """, cancellationToken);
            AuditInterceptor.RecordSqlInserts(db, clock.GetUtcNow(), sources);
        }
        if (added.Count > 0)
        {
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
            AuditInterceptor.RecordSqlInserts(db, clock.GetUtcNow(), rows);
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
