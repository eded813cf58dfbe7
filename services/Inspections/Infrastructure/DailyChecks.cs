using Microsoft.Extensions.Options;

namespace Platform.Inspections.Infrastructure;

public sealed class InspectionsOptions
{
    /// <summary>DeadlineApproaching is raised when a deadline is this many days away or fewer.</summary>
    public int DeadlineWarningDays { get; set; } = 30;

    /// <summary>Runs the overdue-action and deadline checks for today at start-up and then daily.</summary>
    public bool DailyChecksEnabled { get; set; } = true;
}

/// <summary>Runs the overdue-action and approaching-deadline checks for today, at start-up and then every day just after midnight (UTC).</summary>
internal sealed partial class DailyChecks(IServiceScopeFactory scopes, TimeProvider time, IOptions<InspectionsOptions> options, ILogger<DailyChecks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DailyChecksEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<InspectionsDbContext>();
                var overdue = await PlanChecks.RaiseOverdueActionsAsync(db, today, stoppingToken);
                var deadlines = await PlanChecks.RaiseApproachingDeadlinesAsync(db, today, options.Value.DeadlineWarningDays, stoppingToken);
                LogChecked(logger, today, overdue.Count, deadlines.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, today, ex);
            }
            var now = time.GetUtcNow();
            var nextMidnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddMinutes(5), TimeSpan.Zero);
            await Task.Delay(nextMidnight - now, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily checks for {Date}: {Overdue} actions newly overdue, {Deadlines} deadlines newly approaching")]
    private static partial void LogChecked(ILogger logger, DateOnly date, int overdue, int deadlines);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily checks for {Date} failed; they run again tomorrow or on demand")]
    private static partial void LogFailed(ILogger logger, DateOnly date, Exception exception);
}
