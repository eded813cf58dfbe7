using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Apis;

/// <summary>Ofsted inspections and visits: judgements and areas for improvement.</summary>
public static class InspectionsApi
{
    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var inspections = app.MapGroup("/inspections").WithTags("Inspections");
        inspections.MapPost("/", CreateInspection).WithSummary("Record an ILACS inspection, focused visit, monitoring visit or JTAI")
            .WithDescription("Dates on site and, for visits, the date the letter was published. Judgements are recorded separately once the report is published.");
        inspections.MapGet("/", ListInspections).WithSummary("List inspections and visits, latest first");
        inspections.MapGet("/{id:guid}", GetInspection).WithSummary("Get an inspection with its judgements and areas for improvement");
        inspections.MapPost("/{id:guid}/judgements", RecordJudgements).WithSummary("Record the published judgements of an inspection")
            .WithDescription("Overall effectiveness and the sub-judgements on the four-point scale (outstanding, good, requires-improvement, inadequate). Publishes InspectionJudgementRecorded.");
        inspections.MapPost("/{id:guid}/areas", AddArea).WithSummary("Record an area for improvement (or for priority action) found by the inspection")
            .WithDescription("Each area has a unique code that improvement-plan actions and indicators link to.");

        var areas = app.MapGroup("/areas").WithTags("Inspections");
        areas.MapGet("/", ListAreas).WithSummary("List areas for improvement with the plan's progress as at a date");
        return app;
    }

    public sealed record CreateInspectionRequest(
        [property: RequiredField, CodeOf(CodeList.InspectionType)] string? Type,
        [property: RequiredField, InspectionDate] DateOnly? OnSiteFrom,
        [property: RequiredField, InspectionDate] DateOnly? OnSiteTo,
        [property: InspectionDate] DateOnly? PublishedOn = null,
        [property: OptionalText(100)] string? Reference = null);

    public sealed record JudgementInput(
        [property: RequiredField, CodeOf(CodeList.JudgementType)] string? Type,
        [property: RequiredField, CodeOf(CodeList.Grade)] string? Grade);

    public sealed record RecordJudgementsRequest(
        [property: RequiredField, InspectionDate] DateOnly? PublishedOn,
        [property: RequiredField(ErrorMessage = "At least the overall effectiveness judgement is required."), JudgementList] IReadOnlyList<JudgementInput?>? Judgements);

    public sealed record AddAreaRequest(
        [property: RequiredField, MaxChars(40), Code] string? Code,
        [property: RequiredField, MaxChars(300)] string? Title,
        [property: OptionalText(4000)] string? Detail = null,
        bool? IsPriorityAction = null);

    public sealed record JudgementResponse(string Type, string Grade, int GradeNumber);

    public sealed record AreaResponse(string Code, string Title, string? Detail, bool IsPriorityAction, Guid InspectionId);

    public sealed record InspectionResponse(
        Guid Id, string Type, DateOnly OnSiteFrom, DateOnly OnSiteTo, DateOnly? PublishedOn, string? Reference,
        string? OverallEffectiveness, IReadOnlyList<JudgementResponse> Judgements, IReadOnlyList<AreaResponse> Areas);

    internal static async Task<Results<Created<InspectionResponse>, ValidationProblem>> CreateInspection(
        CreateInspectionRequest request, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var inspection = new Inspection(Guid.CreateVersion7(), request.Type!, request.OnSiteFrom!.Value, request.OnSiteTo!.Value, request.PublishedOn, request.Reference);
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/inspections/{inspection.Id}", ToResponse(inspection));
    }

    internal static async Task<Results<Ok<Page<InspectionResponse>>, ValidationProblem>> ListInspections(
        [AsParameters] PageRequest paging, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Inspections.AsNoTracking().Include(i => i.Judgements).Include(i => i.Areas).AsSplitQuery()
            .OrderByDescending(i => i.OnSiteFrom).ThenBy(i => i.Id);
        var page = await paging.ApplyAsync(query, cancellationToken);
        return TypedResults.Ok(new Page<InspectionResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<InspectionResponse>, NotFound>> GetInspection(Guid id, InspectionsDbContext db, CancellationToken cancellationToken) =>
        await db.Inspections.AsNoTracking().Include(i => i.Judgements).Include(i => i.Areas).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is { } inspection
            ? TypedResults.Ok(ToResponse(inspection))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<InspectionResponse>, NotFound, ValidationProblem>> RecordJudgements(
        Guid id, RecordJudgementsRequest request, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var inspection = await db.Inspections.Include(i => i.Judgements).Include(i => i.Areas).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null) return TypedResults.NotFound();
        inspection.RecordJudgements(request.PublishedOn!.Value, request.Judgements!.Select(j => (j!.Type!, j.Grade!)).ToList());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(inspection));
    }

    internal static async Task<Results<Created<AreaResponse>, NotFound, ValidationProblem>> AddArea(
        Guid id, AddAreaRequest request, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var inspection = await db.Inspections.Include(i => i.Areas).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null) return TypedResults.NotFound();
        var code = request.Code!.ToUpperInvariant();
        if (await db.Areas.AnyAsync(a => a.Code == code, cancellationToken))
        {
            return new RequestValidator().Add("code", $"Area {code} already exists.").ToProblem();
        }
        var area = inspection.AddArea(code, request.Title!, request.Detail, request.IsPriorityAction ?? false);
        db.Areas.Add(area);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/areas?code={area.Code}", ToResponse(area));
    }

    public sealed record AreaProgressResponse(string Code, string Title, bool IsPriorityAction, Guid InspectionId, AreaProgress Progress);

    internal static async Task<Results<Ok<Page<AreaProgressResponse>>, ValidationProblem>> ListAreas(
        [AsParameters] PageRequest paging, [InspectionDate] DateOnly? asAt, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);

        var page = await paging.ApplyAsync(db.Areas.AsNoTracking().OrderBy(a => a.Code), cancellationToken);
        var codes = page.Items.Select(a => a.Code).ToList();
        var actions = await db.Actions.AsNoTracking().Where(a => codes.Contains(a.AreaCode) && a.RaisedOn <= date).ToListAsync(cancellationToken);
        var items = page.Items.Select(a => new AreaProgressResponse(a.Code, a.Title, a.IsPriorityAction, a.InspectionId,
            AreaProgress.For(a, actions.Where(x => x.AreaId == a.Id).ToList(), date))).ToList();
        return TypedResults.Ok(new Page<AreaProgressResponse>(items, page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static InspectionResponse ToResponse(Inspection inspection) =>
        new(inspection.Id, inspection.Type, inspection.OnSiteFrom, inspection.OnSiteTo, inspection.PublishedOn, inspection.Reference,
            inspection.OverallEffectiveness,
            inspection.Judgements.OrderBy(j => JudgementTypes.All.ToList().IndexOf(j.Type)).Select(j => new JudgementResponse(j.Type, j.Grade, Grades.Number(j.Grade))).ToList(),
            inspection.Areas.OrderBy(a => a.Code, StringComparer.Ordinal).Select(ToResponse).ToList());

    internal static AreaResponse ToResponse(AreaForImprovement area) => new(area.Code, area.Title, area.Detail, area.IsPriorityAction, area.InspectionId);
}
