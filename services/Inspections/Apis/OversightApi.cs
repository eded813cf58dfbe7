using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Apis;

/// <summary>Statutory directions, commissioners and their reviews, and the calendar of deadlines.</summary>
public static class OversightApi
{
    public static IEndpointRouteBuilder MapOversightApi(this IEndpointRouteBuilder app)
    {
        var directions = app.MapGroup("/directions").WithTags("Directions and oversight");
        directions.MapPost("/", IssueDirection).WithSummary("Record a statutory direction with its requirements and deadlines")
            .WithDescription("A direction that revises an earlier one names it in supersedesDirectionId; the earlier one stops being in force on the new issue date. Publishes DirectionIssued.");
        directions.MapGet("/", ListDirections).WithSummary("List directions with their status as at a date");
        directions.MapGet("/{id:guid}", GetDirection).WithSummary("Get a direction");
        directions.MapPost("/{id:guid}/revoke", RevokeDirection).WithSummary("Record that the Secretary of State revoked a direction");

        var commissioners = app.MapGroup("/commissioners").WithTags("Directions and oversight");
        commissioners.MapPost("/", AppointCommissioner).WithSummary("Record a commissioner or improvement adviser appointment");
        commissioners.MapGet("/", ListCommissioners).WithSummary("List appointments with their reviews");
        commissioners.MapGet("/{id:guid}", GetCommissioner).WithSummary("Get an appointment with its reviews");
        commissioners.MapPost("/{id:guid}/reviews", AddReview).WithSummary("Record a commissioner's review: dates, findings and recommendation");

        var deadlines = app.MapGroup("/deadlines").WithTags("Directions and oversight");
        deadlines.MapGet("/", ListDeadlines).WithSummary("Calendar of deadlines from a date with days remaining")
            .WithDescription("Direction requirements in force, open plan actions and commissioners' report dates, due within withinDays (default 365) of asAt.");
        deadlines.MapPost("/approaching-check", RunApproachingCheck).WithSummary("Raise DeadlineApproaching for deadlines within the warning window of a date")
            .WithDescription("Once per deadline; the window is Inspections:DeadlineWarningDays (default 30). The service also runs it daily for today.");
        return app;
    }

    public sealed record RequirementInput(
        [property: RequiredField, MaxChars(1000)] string? Description,
        [property: InspectionDate] DateOnly? DueOn = null);

    public sealed record IssueDirectionRequest(
        [property: RequiredField, InspectionDate] DateOnly? IssuedOn,
        [property: RequiredField, MaxChars(200)] string? Issuer,
        [property: RequiredField, MaxChars(300)] string? Title,
        [property: RequiredField(ErrorMessage = "This field is required (an empty list if the direction sets none)."), Entries(0, 50)]
        IReadOnlyList<RequirementInput?>? Requirements,
        [property: OptionalText(300)] string? LegalBasis = null,
        Guid? SupersedesDirectionId = null);

    public sealed record RevokeDirectionRequest([property: RequiredField, InspectionDate] DateOnly? RevokedOn);

    public sealed record RequirementResponse(Guid Id, string Description, DateOnly? DueOn);

    public sealed record DirectionResponse(
        Guid Id, DateOnly IssuedOn, string Issuer, string Title, string? LegalBasis, string Status, DateOnly? EndedOn, Guid? SupersededById,
        IReadOnlyList<RequirementResponse> Requirements);

    public sealed record AppointCommissionerRequest(
        [property: RequiredField, MaxChars(200)] string? Name,
        [property: RequiredField, CodeOf(CodeList.OversightRole)] string? Role,
        [property: RequiredField, InspectionDate] DateOnly? AppointedOn,
        Guid? DirectionId = null);

    public sealed record AddReviewRequest(
        [property: RequiredField, InspectionDate] DateOnly? StartedOn,
        [property: RequiredField, InspectionDate] DateOnly? ReportDueOn,
        [property: RequiredField(ErrorMessage = "This field is required (an empty list if there are none yet)."), Entries(0, 50, MaxChars = 1000)]
        IReadOnlyList<string?>? Findings,
        [property: InspectionDate] DateOnly? PublishedOn = null,
        [property: CodeOf(CodeList.Recommendation)] string? Recommendation = null);

    public sealed record ReviewResponse(Guid Id, Guid AppointmentId, DateOnly StartedOn, DateOnly ReportDueOn, DateOnly? PublishedOn, string? Recommendation, IReadOnlyList<string> Findings);

    public sealed record CommissionerResponse(Guid Id, string Name, string Role, DateOnly AppointedOn, Guid? DirectionId, IReadOnlyList<ReviewResponse> Reviews);

    internal static async Task<Results<Created<DirectionResponse>, ValidationProblem>> IssueDirection(
        IssueDirectionRequest request, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        StatutoryDirection? superseded = null;
        if (request.SupersedesDirectionId is { } supersededId)
        {
            superseded = await db.Directions.FirstOrDefaultAsync(d => d.Id == supersededId, cancellationToken);
            if (superseded is null) return new RequestValidator().Add("supersedesDirectionId", "No such direction.").ToProblem();
        }
        var direction = new StatutoryDirection(Guid.CreateVersion7(), request.IssuedOn!.Value, request.Issuer!, request.Title!, request.LegalBasis,
            request.Requirements!.Select(r => (r!.Description!, r.DueOn)));
        superseded?.SupersedeBy(direction);
        db.Directions.Add(direction);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/directions/{direction.Id}", ToResponse(direction));
    }

    internal static async Task<Results<Ok<Page<DirectionResponse>>, ValidationProblem>> ListDirections(
        [AsParameters] PageRequest paging, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var page = await paging.ApplyAsync(db.Directions.AsNoTracking().Include(d => d.Requirements).AsSplitQuery().OrderByDescending(d => d.IssuedOn).ThenBy(d => d.Id), cancellationToken);
        return TypedResults.Ok(new Page<DirectionResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<DirectionResponse>, NotFound>> GetDirection(Guid id, InspectionsDbContext db, CancellationToken cancellationToken) =>
        await db.Directions.AsNoTracking().Include(d => d.Requirements).FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is { } direction
            ? TypedResults.Ok(ToResponse(direction))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<DirectionResponse>, NotFound, ValidationProblem>> RevokeDirection(
        Guid id, RevokeDirectionRequest request, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var direction = await db.Directions.Include(d => d.Requirements).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (direction is null) return TypedResults.NotFound();
        direction.Revoke(request.RevokedOn!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(direction));
    }

    internal static async Task<Results<Created<CommissionerResponse>, ValidationProblem>> AppointCommissioner(
        AppointCommissionerRequest request, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        StatutoryDirection? direction = null;
        if (request.DirectionId is { } directionId)
        {
            direction = await db.Directions.FirstOrDefaultAsync(d => d.Id == directionId, cancellationToken);
            if (direction is null) return new RequestValidator().Add("directionId", "No such direction.").ToProblem();
        }
        var appointment = new CommissionerAppointment(Guid.CreateVersion7(), request.Name!, request.Role!, request.AppointedOn!.Value, direction);
        db.Commissioners.Add(appointment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/commissioners/{appointment.Id}", ToResponse(appointment));
    }

    internal static async Task<Results<Ok<Page<CommissionerResponse>>, ValidationProblem>> ListCommissioners(
        [AsParameters] PageRequest paging, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var page = await paging.ApplyAsync(db.Commissioners.AsNoTracking().Include(c => c.Reviews).AsSplitQuery().OrderByDescending(c => c.AppointedOn).ThenBy(c => c.Id), cancellationToken);
        return TypedResults.Ok(new Page<CommissionerResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<CommissionerResponse>, NotFound>> GetCommissioner(Guid id, InspectionsDbContext db, CancellationToken cancellationToken) =>
        await db.Commissioners.AsNoTracking().Include(c => c.Reviews).FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } appointment
            ? TypedResults.Ok(ToResponse(appointment))
            : TypedResults.NotFound();

    internal static async Task<Results<Created<ReviewResponse>, NotFound, ValidationProblem>> AddReview(
        Guid id, AddReviewRequest request, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var appointment = await db.Commissioners.Include(c => c.Reviews).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (appointment is null) return TypedResults.NotFound();
        var review = appointment.AddReview(request.StartedOn!.Value, request.ReportDueOn!.Value, request.PublishedOn, request.Recommendation,
            request.Findings!.Select(f => f!).ToList());
        db.CommissionerReviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/commissioners/{appointment.Id}", ToResponse(review));
    }

    internal static async Task<Results<Ok<List<Deadline>>, ValidationProblem>> ListDeadlines(
        [InspectionDate] DateOnly? asAt, [Between(0, 3660)] int? withinDays, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);
        return TypedResults.Ok(await PlanChecks.CalendarAsync(db, date, withinDays ?? 365, cancellationToken));
    }

    public sealed record ApproachingCheckResponse(DateOnly AsAt, int WindowDays, int Raised, IReadOnlyList<Deadline> Events);

    internal static async Task<Results<Ok<ApproachingCheckResponse>, ValidationProblem>> RunApproachingCheck(
        [InspectionDate] DateOnly? asAt, InspectionsDbContext db, TimeProvider time, IOptions<InspectionsOptions> options, CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);
        var window = options.Value.DeadlineWarningDays;
        var raised = await PlanChecks.RaiseApproachingDeadlinesAsync(db, date, window, cancellationToken);
        return TypedResults.Ok(new ApproachingCheckResponse(date, window, raised.Count, raised));
    }

    internal static DirectionResponse ToResponse(StatutoryDirection direction) =>
        new(direction.Id, direction.IssuedOn, direction.Issuer, direction.Title, direction.LegalBasis, direction.Status, direction.EndedOn, direction.SupersededById,
            direction.Requirements.OrderBy(r => r.DueOn ?? DateOnly.MaxValue).ThenBy(r => r.Id).Select(r => new RequirementResponse(r.Id, r.Description, r.DueOn)).ToList());

    internal static CommissionerResponse ToResponse(CommissionerAppointment appointment) =>
        new(appointment.Id, appointment.Name, appointment.Role, appointment.AppointedOn, appointment.DirectionId,
            appointment.Reviews.OrderBy(r => r.StartedOn).Select(ToResponse).ToList());

    internal static ReviewResponse ToResponse(CommissionerReview review) =>
        new(review.Id, review.AppointmentId, review.StartedOn, review.ReportDueOn, review.PublishedOn, review.Recommendation, review.Findings);
}
