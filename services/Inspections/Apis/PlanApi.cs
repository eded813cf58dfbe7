using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Apis;

/// <summary>The improvement plan: actions answering each area for improvement, overdue actions and progress.</summary>
public static class PlanApi
{
    public static IEndpointRouteBuilder MapPlanApi(this IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/actions").WithTags("Improvement plan");
        actions.MapPost("/", CreateAction).WithSummary("Add an action to the improvement plan for an area for improvement")
            .WithDescription("Owner is a role (e.g. head-of-service), never a person. The action starts not-started.");
        actions.MapGet("/", ListActions).WithSummary("List plan actions, optionally for one area, with their status as at a date");
        actions.MapGet("/{id:guid}", GetAction).WithSummary("Get a plan action");
        actions.MapPost("/{id:guid}/progress", RecordProgress).WithSummary("Record progress on an action: status, evidence, optionally a new due date")
            .WithDescription("Completing an action requires evidence; the completion date is the 'on' date.");
        actions.MapGet("/overdue", ListOverdue).WithSummary("Actions overdue on a date: past due and not completed by then");
        actions.MapPost("/overdue-check", RunOverdueCheck).WithSummary("Run the overdue check for a date")
            .WithDescription("Publishes ActionOverdue once per action and due date; a second run for the same or a later date raises nothing new. The service also runs it daily for today.");
        return app;
    }

    public sealed record CreateActionRequest(
        [property: RequiredField, MaxChars(40), Code] string? AreaCode,
        [property: RequiredField, MaxChars(300)] string? Title,
        [property: RequiredField, CodeOf(CodeList.OwnerRole)] string? OwnerRole,
        [property: RequiredField, InspectionDate] DateOnly? DueOn,
        [property: InspectionDate] DateOnly? RaisedOn = null);

    public sealed record RecordProgressRequest(
        [property: RequiredField, CodeOf(CodeList.ActionStatus)] string? Status,
        [property: RequiredField, InspectionDate] DateOnly? On,
        [property: OptionalText(2000)] string? Evidence = null,
        [property: InspectionDate] DateOnly? DueOn = null);

    public sealed record ActionResponse(
        Guid Id, string AreaCode, string Title, string OwnerRole, DateOnly RaisedOn, DateOnly DueOn, string Status, string? Evidence,
        DateOnly? CompletedOn, bool IsOverdue, int DaysOverdue)
    {
        /// <summary>On the board: the action is open and every indicator of its area with a value meets its target.</summary>
        public bool IndicatorsMeetTarget { get; init; }
    }

    internal static async Task<Results<Created<ActionResponse>, ValidationProblem>> CreateAction(
        CreateActionRequest request, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var code = request.AreaCode!.ToUpperInvariant();
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Code == code, cancellationToken);
        if (area is null) return new RequestValidator().Add("areaCode", $"Area for improvement {code} does not exist.").ToProblem();

        var raisedOn = request.RaisedOn ?? ApiRules.Today(time);
        var action = new ImprovementAction(Guid.CreateVersion7(), area, request.Title!, request.OwnerRole!, request.DueOn!.Value, raisedOn);
        db.Actions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/actions/{action.Id}", ToResponse(action, raisedOn));
    }

    internal static async Task<Results<Ok<Page<ActionResponse>>, ValidationProblem>> ListActions(
        [AsParameters] PageRequest paging, string? areaCode, [InspectionDate] DateOnly? asAt, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);

        var query = db.Actions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(areaCode))
        {
            var code = areaCode.ToUpperInvariant();
            query = query.Where(a => a.AreaCode == code);
        }
        var page = await paging.ApplyAsync(query.OrderBy(a => a.AreaCode).ThenBy(a => a.DueOn).ThenBy(a => a.Id), cancellationToken);
        return TypedResults.Ok(new Page<ActionResponse>(page.Items.Select(a => ToResponse(a, date)).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<ActionResponse>, NotFound>> GetAction(Guid id, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await db.Actions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } action
            ? TypedResults.Ok(ToResponse(action, ApiRules.Today(time)))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<ActionResponse>, NotFound, ValidationProblem>> RecordProgress(
        Guid id, RecordProgressRequest request, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var action = await db.Actions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null) return TypedResults.NotFound();
        action.RecordProgress(request.Status!, request.Evidence, request.On!.Value, request.DueOn);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(action, request.On!.Value));
    }

    internal static async Task<Results<Ok<List<ActionResponse>>, ValidationProblem>> ListOverdue(
        [InspectionDate] DateOnly? asAt, string? areaCode, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);
        return TypedResults.Ok(await OverdueAsync(db, date, areaCode, cancellationToken));
    }

    internal static async Task<List<ActionResponse>> OverdueAsync(InspectionsDbContext db, DateOnly date, string? areaCode, CancellationToken cancellationToken)
    {
        var query = db.Actions.AsNoTracking().Where(a => a.DueOn < date && a.RaisedOn <= date && (a.CompletedOn == null || a.CompletedOn > date));
        if (!string.IsNullOrWhiteSpace(areaCode))
        {
            var code = areaCode.ToUpperInvariant();
            query = query.Where(a => a.AreaCode == code);
        }
        var overdue = await query.OrderBy(a => a.DueOn).ThenBy(a => a.AreaCode).ThenBy(a => a.Id).Take(500).ToListAsync(cancellationToken);
        return overdue.Select(a => ToResponse(a, date)).ToList();
    }

    public sealed record OverdueCheckResponse(DateOnly AsAt, int Raised, IReadOnlyList<ActionOverdueDomainEvent> Events);

    internal static async Task<Results<Ok<OverdueCheckResponse>, ValidationProblem>> RunOverdueCheck(
        [InspectionDate] DateOnly? asAt, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);
        var raised = await PlanChecks.RaiseOverdueActionsAsync(db, date, cancellationToken);
        return TypedResults.Ok(new OverdueCheckResponse(date, raised.Count, raised));
    }

    internal static ActionResponse ToResponse(ImprovementAction action, DateOnly asAt) =>
        new(action.Id, action.AreaCode, action.Title, action.OwnerRole, action.RaisedOn, action.DueOn, action.StatusOn(asAt), action.Evidence,
            action.IsCompletedOn(asAt) ? action.CompletedOn : null, action.IsOverdueOn(asAt), action.IsOverdueOn(asAt) ? asAt.DayNumber - action.DueOn.DayNumber : 0);
}
