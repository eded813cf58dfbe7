using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Application;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Apis;

/// <summary>One-to-one supervision: sessions, due dates, overdue lists and compliance per team.</summary>
public static class SupervisionApi
{
    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/staff/{id:guid}/supervisions", RecordSession).WithTags("Supervision")
            .WithSummary("Record a one-to-one supervision session").WithDescription("Publishes SupervisionRecorded with the next due date.");

        var supervision = app.MapGroup("/supervision").WithTags("Supervision");
        supervision.MapGet("/overdue", ListOverdue).WithSummary("Workers whose supervision is overdue on a date (default today)");
        supervision.MapPost("/overdue-check", RunOverdueCheck).WithSummary("Raise SupervisionOverdue for every worker overdue on a date")
            .WithDescription("Runs by itself every few hours for today; each missed due date is raised once.");
        supervision.MapGet("/compliance", GetCompliance).WithSummary("Supervision compliance per team on a date: share of workers in post not overdue");
        return app;
    }

    public sealed record SessionRequest([property: RequiredField, BusinessDate] DateOnly? HeldOn);

    public sealed record SessionResponse(Guid Id, Guid WorkerId, DateOnly HeldOn, DateOnly NextDueOn);

    public sealed record OverdueCheckRequest([property: RequiredField, BusinessDate] DateOnly? AsAt);

    public sealed record OverdueCheckResponse(DateOnly AsAt, int Raised);

    public sealed record TeamCompliance(string TeamCode, int Workers, int Overdue, decimal? ComplianceRate);

    public sealed record ComplianceResponse(DateOnly AsAt, int IntervalDays, IReadOnlyList<TeamCompliance> Teams, TeamCompliance Department);

    internal static async Task<Results<Created<SessionResponse>, NotFound, ValidationProblem>> RecordSession(
        Guid id, SessionRequest request, WorkforceDbContext db, IOptions<WorkforceOptions> options, CancellationToken cancellationToken)
    {
        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (worker is null) return TypedResults.NotFound();

        var session = worker.RecordSupervision(request.HeldOn!.Value, options.Value.SupervisionIntervalDays);
        db.SupervisionSessions.Add(session);
        var nextDue = worker.SupervisionDueOn(options.Value.SupervisionIntervalDays);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/staff/{id}/supervisions/{session.Id}", new SessionResponse(session.Id, worker.Id, session.HeldOn, nextDue));
    }

    internal static async Task<Results<Ok<Page<SupervisionRegister.WorkerSupervision>>, ValidationProblem>> ListOverdue(
        [AsParameters] PageRequest paging, DateOnly? asAt, string? teamCode, SupervisionRegister register, CancellationToken cancellationToken)
    {
        var overdue = (await register.OnAsync(asAt ?? BusinessDates.Today, teamCode?.ToUpperInvariant(), cancellationToken)).Where(w => w.IsOverdue).ToList();
        var number = paging.Page ?? 1;
        var size = paging.PageSize ?? 50;
        return TypedResults.Ok(new Page<SupervisionRegister.WorkerSupervision>(
            overdue.Skip((number - 1) * size).Take(size).ToList(), number, size, overdue.Count));
    }

    internal static async Task<Results<Ok<OverdueCheckResponse>, ValidationProblem>> RunOverdueCheck(
        OverdueCheckRequest request, SupervisionRegister register, CancellationToken cancellationToken)
    {
        var raised = await register.RaiseOverdueAsync(request.AsAt!.Value, cancellationToken);
        return TypedResults.Ok(new OverdueCheckResponse(request.AsAt.Value, raised));
    }

    internal static async Task<Ok<ComplianceResponse>> GetCompliance(
        DateOnly? asAt, SupervisionRegister register, IOptions<WorkforceOptions> options, CancellationToken cancellationToken)
    {
        var date = asAt ?? BusinessDates.Today;
        var all = await register.OnAsync(date, null, cancellationToken);
        var teams = all.GroupBy(w => w.TeamCode).OrderBy(g => g.Key).Select(g => Compliance(g.Key, g.ToList())).ToList();
        return TypedResults.Ok(new ComplianceResponse(date, options.Value.SupervisionIntervalDays, teams, Compliance("ALL", all)));
    }

    private static TeamCompliance Compliance(string team, List<SupervisionRegister.WorkerSupervision> workers)
    {
        var overdue = workers.Count(w => w.IsOverdue);
        return new TeamCompliance(team, workers.Count, overdue,
            workers.Count == 0 ? null : Math.Round((workers.Count - overdue) / (decimal)workers.Count, 4));
    }
}
