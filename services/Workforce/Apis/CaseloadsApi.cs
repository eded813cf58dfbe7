using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Workforce.V1;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Application;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Apis;

/// <summary>Cases allocated to and released from workers (by case reference only), caseloads and their thresholds.</summary>
public static class CaseloadsApi
{
    public static IEndpointRouteBuilder MapCaseloadsApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/staff/{id:guid}/cases").WithTags("Caseloads");
        cases.MapPost("/", AllocateCase).WithSummary("Allocate a case to a worker")
            .WithDescription("A case is held by one worker at a time. Publishes CaseloadChanged, and CaseloadThresholdBreached once per upward crossing of the role's warning or critical threshold.");
        cases.MapPost("/{caseReference}/release", ReleaseCase).WithSummary("Release a case from a worker").WithDescription("Publishes CaseloadChanged.");
        cases.MapPost("/{caseReference}/transfer", TransferCase).WithSummary("Transfer a case to another worker on a date")
            .WithDescription("Releases it from this worker and allocates it to the other in one step. Publishes CaseloadChanged for both, and CaseloadThresholdBreached if the receiver crosses a threshold.");
        cases.MapGet("/", GetWorkerCaseload).WithSummary("A worker's caseload and case references on a date (default today)");

        app.MapGet("/teams/{code}/caseloads", GetTeamCaseloads).WithTags("Caseloads")
            .WithSummary("Each worker's caseload in a team on a date, with the team's average per FTE and workers over threshold");

        var thresholds = app.MapGroup("/caseload-thresholds").WithTags("Caseloads");
        thresholds.MapGet("/", ListThresholds).WithSummary("Caseload thresholds per job role (configured defaults where a role has none)");
        thresholds.MapPut("/{jobRole}", SetThreshold).WithSummary("Set a job role's caseload thresholds");
        return app;
    }

    public sealed record WorkerCaseloadResponse(Guid WorkerId, string TeamCode, string JobRole, decimal Fte, DateOnly AsAt, int Caseload,
        int WarningThreshold, int CriticalThreshold, string Level, IReadOnlyList<string> CaseReferences);

    public sealed record TeamWorkerCaseload(Guid WorkerId, string JobRole, string EmploymentType, decimal Fte, int Caseload, string Level);

    public sealed record TeamCaseloadResponse(string TeamCode, DateOnly AsAt, int Workers, decimal CaseHoldingFte, int Cases,
        decimal? AverageCaseloadPerFte, int WorkersOverWarning, int WorkersOverCritical, IReadOnlyList<TeamWorkerCaseload> Staff);

    public sealed record ThresholdRequest(
        [property: RequiredField, Between(1, 500)] int? Warning,
        [property: RequiredField, Between(1, 500)] int? Critical);

    public sealed record ThresholdResponse(string JobRole, int Warning, int Critical, bool IsDefault);

    internal static async Task<Results<Created<WorkerCaseloadResponse>, NotFound, ValidationProblem>> AllocateCase(
        Guid id, AllocateCaseRequest request, Application.AllocateCase allocateCase, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await allocateCase.HandleAsync(new Application.AllocateCase.Command(id, request), cancellationToken);
        if (outcome.Errors is not null) return outcome.ToProblem();
        if (outcome.IsNotFound) return TypedResults.NotFound();
        return TypedResults.Created($"/staff/{id}/cases", await CaseloadAfterAsync(db, outcome.Result!, cancellationToken));
    }

    internal static async Task<Results<Ok<WorkerCaseloadResponse>, NotFound, ValidationProblem>> ReleaseCase(
        Guid id, string caseReference, ReleaseCaseRequest request, Application.ReleaseCase releaseCase, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await releaseCase.HandleAsync(new Application.ReleaseCase.Command(id, caseReference, request), cancellationToken);
        if (outcome.Errors is not null) return outcome.ToProblem();
        if (outcome.IsNotFound) return TypedResults.NotFound();
        return TypedResults.Ok(await CaseloadAfterAsync(db, outcome.Result!, cancellationToken));
    }

    internal static async Task<Results<Ok<WorkerCaseloadResponse>, NotFound, ValidationProblem>> TransferCase(
        Guid id, string caseReference, TransferCaseRequest request, Application.TransferCase transferCase, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await transferCase.HandleAsync(new Application.TransferCase.Command(id, caseReference, request), cancellationToken);
        if (outcome.Errors is not null) return outcome.ToProblem();
        if (outcome.IsNotFound) return TypedResults.NotFound();
        return TypedResults.Ok(await CaseloadAfterAsync(db, outcome.Result!, cancellationToken));
    }

    private static Task<WorkerCaseloadResponse> CaseloadAfterAsync(WorkforceDbContext db, Application.CaseloadChange change, CancellationToken cancellationToken) =>
        CaseloadOnAsync(db, change.Worker, change.Threshold, change.On, cancellationToken);

    internal static async Task<Results<Ok<WorkerCaseloadResponse>, NotFound>> GetWorkerCaseload(
        Guid id, DateOnly? asAt, WorkforceDbContext db, CaseloadThresholds thresholds, CancellationToken cancellationToken)
    {
        var worker = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (worker is null) return TypedResults.NotFound();
        var threshold = await thresholds.ForAsync(worker.JobRole, cancellationToken);
        return TypedResults.Ok(await CaseloadOnAsync(db, worker, threshold, asAt ?? BusinessDates.Today, cancellationToken));
    }

    internal static async Task<Results<Ok<TeamCaseloadResponse>, NotFound>> GetTeamCaseloads(
        string code, DateOnly? asAt, WorkforceDbContext db, CaseloadThresholds thresholds, CancellationToken cancellationToken)
    {
        var teamCode = code.ToUpperInvariant();
        if (!await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken)) return TypedResults.NotFound();
        var date = asAt ?? BusinessDates.Today;
        var inForce = await thresholds.AllAsync(cancellationToken);

        var staff = await db.Staff.AsNoTracking()
            .Where(s => s.TeamCode == teamCode && s.StartDate <= date && (s.LeftOn == null || s.LeftOn >= date))
            .Select(s => new
            {
                s.Id, s.JobRole, s.EmploymentType, s.Fte, s.IsQualifiedSocialWorker,
                Cases = db.CaseAllocations.Count(a => a.WorkerId == s.Id && a.AllocatedOn <= date && (a.ReleasedOn == null || a.ReleasedOn > date)),
            })
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);

        var rows = staff.Select(s => new TeamWorkerCaseload(s.Id, s.JobRole, s.EmploymentType.ToString().ToLowerInvariant(), s.Fte, s.Cases,
            Level(s.Cases, inForce[s.JobRole].Threshold))).ToList();
        // The team's average is the census caseload (docs/measures.md): qualified social workers holding cases, as GET /kpis.
        var qualified = staff.Where(s => s.IsQualifiedSocialWorker).Select(s => s.Id).ToHashSet();
        var holders = rows.Where(r => r.Caseload > 0 && qualified.Contains(r.WorkerId)).ToList();
        var fte = holders.Sum(r => r.Fte);
        var cases = holders.Sum(r => r.Caseload);
        return TypedResults.Ok(new TeamCaseloadResponse(teamCode, date, rows.Count, fte, cases,
            fte == 0 ? null : Math.Round(cases / fte, 2),
            rows.Count(r => r.Level != "normal"), rows.Count(r => r.Level == "critical"), rows));
    }

    internal static async Task<Ok<List<ThresholdResponse>>> ListThresholds(CaseloadThresholds thresholds, CancellationToken cancellationToken) =>
        TypedResults.Ok((await thresholds.AllAsync(cancellationToken)).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new ThresholdResponse(t.Key, t.Value.Threshold.Warning, t.Value.Threshold.Critical, t.Value.IsDefault)).ToList());

    internal static async Task<Results<Ok<ThresholdResponse>, ValidationProblem>> SetThreshold(
        [JobRole] string jobRole, ThresholdRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {

        var threshold = await db.CaseloadThresholds.FirstOrDefaultAsync(t => t.JobRole == jobRole, cancellationToken);
        if (threshold is null) db.CaseloadThresholds.Add(threshold = new CaseloadThreshold(jobRole, request.Warning!.Value, request.Critical!.Value));
        else threshold.Change(request.Warning!.Value, request.Critical!.Value);
        // Thresholds apply to every date, so the share of workers over them is republished from the beginning.
        db.MeasuresChangedFrom(DateOnly.MinValue);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ThresholdResponse(jobRole, threshold.Warning, threshold.Critical, false));
    }

    private static async Task<WorkerCaseloadResponse> CaseloadOnAsync(
        WorkforceDbContext db, StaffMember worker, CaseloadThreshold threshold, DateOnly date, CancellationToken cancellationToken)
    {
        var references = await db.CaseAllocations.AsNoTracking()
            .Where(a => a.WorkerId == worker.Id && a.AllocatedOn <= date && (a.ReleasedOn == null || a.ReleasedOn > date))
            .OrderBy(a => a.CaseReference).Select(a => a.CaseReference).ToListAsync(cancellationToken);
        return new WorkerCaseloadResponse(worker.Id, worker.TeamCode, worker.JobRole, worker.Fte, date, references.Count,
            threshold.Warning, threshold.Critical, Level(references.Count, threshold), references);
    }

    internal static string Level(int caseload, CaseloadThreshold threshold) =>
        caseload > threshold.Critical ? "critical" : caseload > threshold.Warning ? "warning" : "normal";
}
