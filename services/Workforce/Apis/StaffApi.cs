using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Domain;
using Platform.Contracts.Workforce.V1;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Application;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Apis;

/// <summary>Employed and agency workers: starting (in a post or covering one), leaving, absence.</summary>
public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/staff").WithTags("Staff");
        staff.MapPost("/", StartWorker).WithSummary("Record a worker starting, employed or agency")
            .WithDescription("An employed worker with a postId fills the post (and its open vacancy); an agency worker with a postId covers it, which leaves it vacant as the census counts it. Publishes StaffMemberStarted or AgencyWorkerEngaged.");
        staff.MapGet("/", ListStaff).WithSummary("List workers, by team, employment type and whether in post on a date");
        staff.MapGet("/{id:guid}", GetWorker).WithSummary("Get a worker");
        staff.MapPost("/{id:guid}/leave", Leave).WithSummary("Record a worker leaving")
            .WithDescription("Refused while the worker holds cases. Frees the post they filled. Publishes StaffMemberLeft or AgencyWorkerEnded.");
        staff.MapPost("/{id:guid}/absences", RecordAbsence).WithSummary("Record a period of absence (working days lost are counted Monday–Friday)");
        return app;
    }

    public sealed record WorkerResponse(
        Guid Id, string TeamCode, string JobRole, EmploymentType EmploymentType, decimal Fte, bool IsQualifiedSocialWorker,
        string? RegistrationNumber, Guid? PostId, DateOnly StartDate, DateOnly? LeftOn, string? LeavingReason,
        decimal? AgencyDayRate, DateOnly? ExpectedEndDate, int Caseload, DateOnly? LastSupervisionOn);

    public sealed record AbsenceResponse(Guid Id, Guid WorkerId, DateOnly FirstDay, DateOnly LastDay, AbsenceReason Reason, int WorkingDaysLost);

    internal static async Task<Results<Created<WorkerResponse>, ValidationProblem>> StartWorker(
        StartWorkerRequest request, Application.StartWorker startWorker, CancellationToken cancellationToken)
    {
        var outcome = await startWorker.HandleAsync(new Application.StartWorker.Command(Guid.CreateVersion7(), request), cancellationToken);
        if (outcome.Errors is not null) return outcome.ToProblem();
        return TypedResults.Created($"/staff/{outcome.Result!.Id}", ToResponse(outcome.Result));
    }

    internal static async Task<Results<Ok<Page<WorkerResponse>>, ValidationProblem>> ListStaff(
        [AsParameters] PageRequest paging, string? teamCode, [EmploymentType] string? employmentType, DateOnly? inPostOn,
        WorkforceDbContext db, CancellationToken cancellationToken)
    {

        var query = db.Staff.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(teamCode))
        {
            var code = teamCode.ToUpperInvariant();
            query = query.Where(s => s.TeamCode == code);
        }
        if (employmentType is not null)
        {
            var type = employmentType == "agency" ? EmploymentType.Agency : EmploymentType.Employed;
            query = query.Where(s => s.EmploymentType == type);
        }
        if (inPostOn is { } date) query = query.Where(s => s.StartDate <= date && (s.LeftOn == null || s.LeftOn >= date));
        var page = await paging.ApplyAsync(query.OrderBy(s => s.TeamCode).ThenBy(s => s.Id), cancellationToken);
        return TypedResults.Ok(new Page<WorkerResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<WorkerResponse>, NotFound>> GetWorker(Guid id, WorkforceDbContext db, CancellationToken cancellationToken) =>
        await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } worker
            ? TypedResults.Ok(ToResponse(worker))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<WorkerResponse>, NotFound, ValidationProblem>> Leave(
        Guid id, LeaveRequest request, Application.RecordLeaving recordLeaving, CancellationToken cancellationToken)
    {
        var outcome = await recordLeaving.HandleAsync(new Application.RecordLeaving.Command(id, request), cancellationToken);
        if (outcome.Errors is not null) return outcome.ToProblem();
        if (outcome.IsNotFound) return TypedResults.NotFound();
        return TypedResults.Ok(ToResponse(outcome.Result!));
    }

    internal static async Task<Results<Created<AbsenceResponse>, NotFound, ValidationProblem>> RecordAbsence(
        Guid id, AbsenceRequest request, Application.RecordAbsence recordAbsence, CancellationToken cancellationToken)
    {
        var outcome = await recordAbsence.HandleAsync(new Application.RecordAbsence.Command(id, request), cancellationToken);
        if (outcome.Errors is not null) return outcome.ToProblem();
        if (outcome.IsNotFound) return TypedResults.NotFound();
        var absence = outcome.Result!;
        return TypedResults.Created($"/staff/{id}/absences/{absence.Id}",
            new AbsenceResponse(absence.Id, absence.WorkerId, absence.FirstDay, absence.LastDay, absence.Reason, absence.WorkingDaysLost));
    }

    internal static WorkerResponse ToResponse(StaffMember s) =>
        new(s.Id, s.TeamCode, s.JobRole, s.EmploymentType, s.Fte, s.IsQualifiedSocialWorker, s.RegistrationNumber, s.PostId,
            s.StartDate, s.LeftOn, s.LeavingReason, s.AgencyDayRate, s.ExpectedEndDate, s.Caseload, s.LastSupervisionOn);
}
