using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Finance;
using Platform.Contracts.Workforce.V1;
using Platform.ServiceDefaults.Http;
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

    public sealed record StartWorkerRequest(
        string? TeamCode, string? JobRole, string? EmploymentType, decimal? Fte, bool? IsQualifiedSocialWorker,
        string? RegistrationNumber, Guid? PostId, DateOnly? StartDate, decimal? AgencyDayRate, DateOnly? ExpectedEndDate);

    public sealed record WorkerResponse(
        Guid Id, string TeamCode, string JobRole, EmploymentType EmploymentType, decimal Fte, bool IsQualifiedSocialWorker,
        string? RegistrationNumber, Guid? PostId, DateOnly StartDate, DateOnly? LeftOn, string? LeavingReason,
        decimal? AgencyDayRate, DateOnly? ExpectedEndDate, int Caseload, DateOnly? LastSupervisionOn);

    public sealed record LeaveRequest(DateOnly? LeftOn, string? LeavingReason);

    public sealed record AbsenceRequest(DateOnly? FirstDay, DateOnly? LastDay, string? Reason);

    public sealed record AbsenceResponse(Guid Id, Guid WorkerId, DateOnly FirstDay, DateOnly LastDay, AbsenceReason Reason, int WorkingDaysLost);

    private static readonly string[] EmploymentTypes = ["employed", "agency"];
    private static readonly string[] AbsenceReasons = ["sickness", "other"];

    internal static Task<Results<Created<WorkerResponse>, ValidationProblem>> StartWorker(
        StartWorkerRequest request, WorkforceDbContext db, CancellationToken cancellationToken) =>
        StartWorkerWithId(request, db, Guid.CreateVersion7(), cancellationToken);

    /// <summary>Starts a worker with an id chosen by the caller (the departmental ingest derives it from the HR employee number).</summary>
    internal static async Task<Results<Created<WorkerResponse>, ValidationProblem>> StartWorkerWithId(
        StartWorkerRequest request, WorkforceDbContext db, Guid workerId, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Required("teamCode", request.TeamCode, 40);
        validator.OneOf("jobRole", request.JobRole, JobRoles.All.Order().ToArray());
        validator.OneOf("employmentType", request.EmploymentType, EmploymentTypes);
        validator.Range("fte", request.Fte, 0.01m, 1m);
        validator.Required("isQualifiedSocialWorker", request.IsQualifiedSocialWorker);
        validator.When(request.RegistrationNumber is { Length: > 20 }, "registrationNumber", "Must be at most 20 characters.");
        validator.DateRange("startDate", request.StartDate, ApiDates.Earliest, ApiDates.Latest);
        if (request.AgencyDayRate is { } rate) validator.Range("agencyDayRate", rate, 0.01m, 5_000m);
        if (request.ExpectedEndDate is { } end) validator.DateRange("expectedEndDate", end, ApiDates.Earliest, ApiDates.Latest);
        if (!validator.IsValid) return validator.ToProblem();

        var teamCode = request.TeamCode!.ToUpperInvariant();
        if (!await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken))
        {
            return validator.Add("teamCode", $"Team {teamCode} does not exist.").ToProblem();
        }
        Post? post = null;
        if (request.PostId is { } postId)
        {
            post = await db.Posts.FirstOrDefaultAsync(p => p.Id == postId, cancellationToken);
            if (post is null) return validator.Add("postId", "The post does not exist.").ToProblem();
            if (post.TeamCode != teamCode) return validator.Add("postId", $"The post belongs to team {post.TeamCode}, not {teamCode}.").ToProblem();
        }

        var employment = request.EmploymentType == "agency" ? EmploymentType.Agency : EmploymentType.Employed;
        var worker = new StaffMember(workerId, teamCode, request.JobRole!, employment, request.Fte!.Value,
            request.IsQualifiedSocialWorker!.Value, request.RegistrationNumber, post?.Id, request.StartDate!.Value,
            request.AgencyDayRate, request.ExpectedEndDate);
        db.Staff.Add(worker);

        if (employment == EmploymentType.Employed)
        {
            if (post is not null) await FillPostAsync(db, post, worker, cancellationToken);
            db.AddIntegrationEvent(new StaffMemberStarted(worker.Id, worker.PostId, worker.TeamCode, worker.JobRole, worker.Fte,
                worker.IsQualifiedSocialWorker, worker.StartDate));
        }
        else
        {
            if (post is not null && post.Status is not (PostStatus.Funded or PostStatus.Vacant))
            {
                return validator.Add("postId", $"An agency worker can only cover a funded or vacant post; this post is {post.Status.ToString().ToLowerInvariant()}.").ToProblem();
            }
            db.AddIntegrationEvent(new AgencyWorkerEngaged(worker.Id, worker.PostId, worker.TeamCode, worker.JobRole, worker.Fte,
                worker.AgencyDayRate!.Value, post?.BudgetLineCode ?? S251Lines.SocialWork, worker.StartDate, worker.ExpectedEndDate));
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/staff/{worker.Id}", ToResponse(worker));
    }

    /// <summary>An employed starter fills the post: through its open vacancy when there is one, so time-to-fill is recorded.</summary>
    private static async Task FillPostAsync(WorkforceDbContext db, Post post, StaffMember worker, CancellationToken cancellationToken)
    {
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(
            v => v.PostId == post.Id && (v.Status == VacancyStatus.Open || v.Status == VacancyStatus.Advertised), cancellationToken);
        if (vacancy is not null)
        {
            vacancy.Fill(post, worker.StartDate, worker.Id);
            db.AddIntegrationEvent(new VacancyFilled(vacancy.Id, post.Id, post.TeamCode, post.JobRole, worker.StartDate, vacancy.DaysToFill!.Value));
        }
        else
        {
            post.Occupy(worker.Id, worker.StartDate);
        }
        db.AddIntegrationEvent(post.ToChangedEvent());
    }

    internal static async Task<Results<Ok<Page<WorkerResponse>>, ValidationProblem>> ListStaff(
        [AsParameters] PageRequest paging, string? teamCode, string? employmentType, DateOnly? inPostOn,
        WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        paging.Validate(validator);
        validator.OneOf("employmentType", employmentType, EmploymentTypes, required: false);
        if (!validator.IsValid) return validator.ToProblem();

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
        Guid id, LeaveRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.DateRange("leftOn", request.LeftOn, ApiDates.Earliest, ApiDates.Latest);
        validator.OneOf("leavingReason", request.LeavingReason, LeavingReasons.All);
        if (!validator.IsValid) return validator.ToProblem();

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (worker is null) return TypedResults.NotFound();

        worker.Leave(request.LeftOn!.Value, request.LeavingReason!);
        if (worker.EmploymentType == EmploymentType.Employed)
        {
            if (worker.PostId is { } postId && await db.Posts.FirstOrDefaultAsync(p => p.Id == postId, cancellationToken) is { OccupantId: { } occupant } post
                && occupant == worker.Id)
            {
                post.Vacate(worker.LeftOn!.Value);
                db.AddIntegrationEvent(post.ToChangedEvent());
            }
            db.AddIntegrationEvent(new StaffMemberLeft(worker.Id, worker.PostId, worker.TeamCode, worker.JobRole, worker.Fte,
                worker.LeavingReason!, worker.LeftOn!.Value));
        }
        else
        {
            db.AddIntegrationEvent(new AgencyWorkerEnded(worker.Id, worker.PostId, worker.TeamCode, worker.JobRole, worker.LeftOn!.Value));
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(worker));
    }

    internal static async Task<Results<Created<AbsenceResponse>, NotFound, ValidationProblem>> RecordAbsence(
        Guid id, AbsenceRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.DateRange("firstDay", request.FirstDay, ApiDates.Earliest, ApiDates.Latest);
        validator.DateRange("lastDay", request.LastDay, ApiDates.Earliest, ApiDates.Latest);
        validator.OneOf("reason", request.Reason, AbsenceReasons);
        if (!validator.IsValid) return validator.ToProblem();

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (worker is null) return TypedResults.NotFound();

        var absence = worker.RecordAbsence(request.FirstDay!.Value, request.LastDay!.Value,
            request.Reason == "sickness" ? AbsenceReason.Sickness : AbsenceReason.Other);
        db.Absences.Add(absence);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/staff/{id}/absences/{absence.Id}",
            new AbsenceResponse(absence.Id, absence.WorkerId, absence.FirstDay, absence.LastDay, absence.Reason, absence.WorkingDaysLost));
    }

    internal static WorkerResponse ToResponse(StaffMember s) =>
        new(s.Id, s.TeamCode, s.JobRole, s.EmploymentType, s.Fte, s.IsQualifiedSocialWorker, s.RegistrationNumber, s.PostId,
            s.StartDate, s.LeftOn, s.LeavingReason, s.AgencyDayRate, s.ExpectedEndDate, s.Caseload, s.LastSupervisionOn);
}
