using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Infrastructure;

/// <summary>Who is due or overdue for supervision on a date, computed from the sessions recorded up to that date.</summary>
public sealed class SupervisionRegister(WorkforceDbContext db, IOptions<WorkforceOptions> options)
{
    public sealed record WorkerSupervision(Guid WorkerId, string TeamCode, string JobRole, DateOnly? LastHeldOn, DateOnly DueOn, bool IsOverdue, int DaysOverdue);

    public async Task<List<WorkerSupervision>> OnAsync(DateOnly date, string? teamCode, CancellationToken cancellationToken)
    {
        var interval = options.Value.SupervisionIntervalDays;
        var query = db.Staff.AsNoTracking().Where(s => s.StartDate <= date && (s.LeftOn == null || s.LeftOn >= date));
        if (teamCode is not null) query = query.Where(s => s.TeamCode == teamCode);
        var rows = await query
            .Select(s => new
            {
                s.Id, s.TeamCode, s.JobRole, s.StartDate,
                LastHeldOn = db.SupervisionSessions.Where(x => x.WorkerId == s.Id && x.HeldOn <= date).Max(x => (DateOnly?)x.HeldOn),
            })
            .OrderBy(s => s.TeamCode).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var due = (r.LastHeldOn ?? r.StartDate).AddDays(interval);
            return new WorkerSupervision(r.Id, r.TeamCode, r.JobRole, r.LastHeldOn, due, due < date, Math.Max(0, date.DayNumber - due.DayNumber));
        }).ToList();
    }

    /// <summary>Raises SupervisionOverdue for each worker overdue on <paramref name="date"/>, once per missed due date.</summary>
    public async Task<int> RaiseOverdueAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var overdue = (await OnAsync(date, null, cancellationToken)).Where(w => w.IsOverdue).ToList();
        var workerIds = overdue.Select(w => w.WorkerId).ToList();
        var noticed = (await db.SupervisionOverdueNotices.AsNoTracking().Where(n => workerIds.Contains(n.WorkerId))
            .Select(n => new { n.WorkerId, n.DueOn }).ToListAsync(cancellationToken)).ToHashSet();
        var raised = 0;
        foreach (var worker in overdue.Where(w => !noticed.Contains(new { w.WorkerId, w.DueOn })))
        {
            db.SupervisionOverdueNotices.Add(new SupervisionOverdueNotice(worker.WorkerId, worker.TeamCode, worker.DueOn, date));
            raised++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }
}

/// <summary>Checks for missed supervision every few hours, so SupervisionOverdue is raised without anyone asking.</summary>
public sealed partial class SupervisionOverdueMonitor(IServiceScopeFactory scopes, IOptions<WorkforceOptions> options, ILogger<SupervisionOverdueMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OverdueCheckInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var raised = await scope.ServiceProvider.GetRequiredService<SupervisionRegister>()
                    .RaiseOverdueAsync(DateOnly.FromDateTime(DateTime.UtcNow), stoppingToken);
                if (raised > 0) LogRaised(logger, raised);
            }
            catch (Exception exception) when (exception is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                // Another replica raised the same notices, or the database is briefly unavailable: the next run catches up.
                LogFailed(logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Raised SupervisionOverdue for {Count} worker(s)")]
    private static partial void LogRaised(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The supervision overdue check failed ({ExceptionType}); it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
