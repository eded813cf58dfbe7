using Microsoft.EntityFrameworkCore;
using Platform.Finance.Domain;
using Platform.Finance.Application;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Finance.Infrastructure;

/// <summary>Wakes the deferred forecast service when a consumer recorded a dirty line, instead of waiting for its poll.</summary>
public sealed class DeferredForecastSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount > 0) return;
        try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try { await _signal.WaitAsync(timeout, cancellationToken); }
        catch (OperationCanceledException) { /* stopping */ }
    }

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Recomputes the forecasts that consumers deferred (<c>forecast_dirty_lines</c>): takes a batch of dirty rows
/// (<c>FOR UPDATE SKIP LOCKED</c>, so replicas share them), and per year, in year order, locks the year's
/// <c>year_forecast_states</c> row, recomputes the year once for all its dirty lines, queues ForecastUpdated per
/// line and OverspendThresholdCrossed on a crossing through the outbox, deletes the rows and commits. A failure
/// rolls everything back; the rows stay and are taken again.
/// </summary>
public sealed partial class DeferredForecastService(
    IServiceScopeFactory scopes,
    DeferredForecastSignal signal,
    TimeProvider time,
    ILogger<DeferredForecastService> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    // A consumer signals before its commit; a short pause lets it commit and lets a burst gather into one batch.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int taken;
            try
            {
                taken = await RecalculateBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
                taken = 0;
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (taken < BatchSize)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
                await Task.Delay(Gather, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Recomputes one batch of dirty lines; returns how many rows it took.</summary>
    public async Task<int> RecalculateBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FinanceDbContext>();
        var recalculator = scope.ServiceProvider.GetRequiredService<ForecastRecalculator>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var dirty = await db.ForecastDirtyLines
            .FromSql($"SELECT * FROM forecast_dirty_lines ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (dirty.Count == 0) return 0;
        // A batch that found work is traced from here; the poll that found none is not (DatabaseExtensions).
        using var activity = PlatformTelemetry.ActivitySource.StartActivity("forecast recalculate");

        foreach (var year in dirty.GroupBy(d => d.FinancialYear).OrderBy(g => g.Key))
        {
            await recalculator.RecalculateDirtyAsync(year.Key, year.ToList(), cancellationToken);
        }
        db.ForecastDirtyLines.RemoveRange(dirty);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return dirty.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recomputing deferred forecasts failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
