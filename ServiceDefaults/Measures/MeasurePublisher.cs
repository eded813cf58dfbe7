using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Measures.V1;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.ServiceDefaults.Measures;

/// <summary>Wakes the publisher early (tests and quiet periods); it also polls.</summary>
public sealed class MeasureSignal : IDisposable
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
/// Turns recorded <see cref="MeasureChange"/>s into <see cref="MeasureSeriesPublished"/>: from the earliest changed date,
/// the owner's values on each of its change dates (at most <see cref="DatesPerPublication"/> a round, the rest continue
/// in the next), compressed to the points where a value changes, queued in the outbox in the same transaction that
/// deletes the changes it covered. A change committed while a round computes stays and is covered by the next round,
/// whose higher version wins where the two overlap. A failure rolls back; the changes stay and are taken again.
/// Rounds are paced: after one that published, the next starts no sooner than <c>Measures:PublishInterval</c> (default
/// 1 s) after it began, so a burst of changes (an import, a migration of HR records, thousands of events a second) is
/// published in a few rounds rather than one per batch of changes, each of which recomputes the owner's measures and
/// has Inspections store and re-rate them. A change after a quiet spell is published at once; a round that stopped at
/// <see cref="DatesPerPublication"/> continues at once.
/// </summary>
public sealed partial class MeasurePublisher<TContext>(
    IServiceScopeFactory scopes,
    MeasureSignal signal,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<MeasurePublisher<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    public const int DatesPerPublication = 200;
    private const int ChangesPerRound = 10_000;

    /// <summary>"From the beginning" (a change recorded as from <see cref="DateOnly.MinValue"/>) starts here.</summary>
    public static readonly DateOnly Floor = new(1900, 4, 1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly TimeSpan _interval = configuration.GetValue("Measures:PublishInterval", TimeSpan.FromSeconds(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var round = Round.Nothing;
            var started = time.GetTimestamp();
            try
            {
                round = await PublishRoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            if (round == Round.Nothing)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            else if (round == Round.Published && _interval - time.GetElapsedTime(started) is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    internal enum Round
    {
        /// <summary>No change was waiting.</summary>
        Nothing,
        /// <summary>Every waiting change was published.</summary>
        Published,
        /// <summary>Published up to <see cref="DatesPerPublication"/> dates; the rest follows in the next round.</summary>
        Continues,
    }

    /// <summary>One round: what it published.</summary>
    internal async Task<Round> PublishRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var source = scope.ServiceProvider.GetRequiredService<IMeasureSource>();
        var changes = await db.Set<MeasureChange>().AsNoTracking().OrderBy(c => c.Id).Take(ChangesPerRound)
            .Select(c => new { c.Id, c.FromDate }).ToListAsync(cancellationToken);
        if (changes.Count == 0) return Round.Nothing;
        // A round that found work is traced (its reads, the event it queues); an empty poll is not (DatabaseExtensions).
        using var activity = PlatformTelemetry.ActivitySource.StartActivity($"measures publish {source.Owner}");

        // The version is drawn before the data is read: a round that reads later data always has a higher version.
        var version = await db.Database.SqlQueryRaw<long>($"SELECT nextval('{MeasurePublisherSql.VersionSequence}') AS \"Value\"").SingleAsync(cancellationToken);
        var from = changes.Min(c => c.FromDate) is var earliest && earliest < Floor ? Floor : earliest;
        var dates = (await source.ChangeDatesAsync(from, DatesPerPublication + 1, cancellationToken)).Where(d => d > from).Prepend(from).ToList();
        DateOnly? until = dates.Count > DatesPerPublication ? dates[DatesPerPublication] : null;
        if (until is not null) dates = dates.Take(DatesPerPublication).ToList();
        var values = await source.ValuesOnAsync(dates, cancellationToken);
        var series = Compress(dates, values);

        var ids = changes.Select(c => c.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AddIntegrationEvent(new MeasureSeriesPublished(source.Owner, version, from, until, series) { OccurredAt = time.GetUtcNow() });
        if (until is { } next) db.Set<MeasureChange>().Add(new MeasureChange(next));
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<MeasureChange>().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogPublished(logger, source.Owner, version, from, until, dates.Count);
        return until is null && changes.Count < ChangesPerRound ? Round.Published : Round.Continues;
    }

    /// <summary>Per measure and scope, a point on the first date and wherever the value changes; null where a scope stops being measured.</summary>
    internal static List<MeasureSeries> Compress(IReadOnlyList<DateOnly> dates, IReadOnlyList<IReadOnlyList<MeasureValue>> values)
    {
        var points = new Dictionary<(string Measure, string Scope), List<MeasurePoint>>();
        for (var i = 0; i < dates.Count; i++)
        {
            var seen = new HashSet<(string, string)>();
            foreach (var value in values[i])
            {
                var key = (value.Measure, value.Scope);
                seen.Add(key);
                var point = new MeasurePoint(dates[i], value.Value, value.Numerator, value.Denominator);
                if (!points.TryGetValue(key, out var list)) points[key] = list = [];
                if (list.Count == 0 || !SameValue(list[^1], point)) list.Add(point);
            }
            foreach (var (key, list) in points)
            {
                if (!seen.Contains(key) && list[^1] is { Value: not null } or { Numerator: not 0 } or { Denominator: not 0 })
                {
                    list.Add(new MeasurePoint(dates[i], null, 0, 0));
                }
            }
        }
        return points.OrderBy(p => p.Key.Measure, StringComparer.Ordinal).ThenBy(p => p.Key.Scope, StringComparer.Ordinal)
            .Select(p => new MeasureSeries(p.Key.Measure, p.Key.Scope, p.Value)).ToList();
    }

    private static bool SameValue(MeasurePoint a, MeasurePoint b) => a.Value == b.Value && a.Numerator == b.Numerator && a.Denominator == b.Denominator;

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Owner} measures version {Version} from {From} until {Until} ({Dates} change dates)")]
    private static partial void LogPublished(ILogger logger, string owner, long version, DateOnly from, DateOnly? until, int dates);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing measures failed; the changes stay and are taken again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
