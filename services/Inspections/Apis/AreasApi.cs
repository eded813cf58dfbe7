using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Application;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

namespace Platform.Inspections.Apis;

/// <summary>The improvement lead's commentary on each area for improvement, one line per board.</summary>
public static class AreasApi
{
    public static IEndpointRouteBuilder MapAreasApi(this IEndpointRouteBuilder app)
    {
        var areas = app.MapGroup("/areas").WithTags("Improvement plan");
        areas.MapPost("/{code}/commentary", RecordCommentary).WithSummary("Record the improvement lead's one-line commentary on an area, as of a date")
            .WithDescription("Boards from the date on show it beside the area's rating, with who entered it and when, until a later line. Lines are never edited.");
        areas.MapGet("/{code}/commentary", ListCommentary).WithSummary("Every commentary line on an area, latest first");
        return app;
    }

    public sealed record CommentaryRequest(
        [property: RequiredField, MaxChars(AreaCommentary.MaxLength)] string? Text,
        [property: InspectionDate] DateOnly? On);

    public sealed record CommentaryResponse(Guid Id, string AreaCode, string Text, DateOnly On, string EnteredBy, DateTimeOffset EnteredAt);

    internal static async Task<Results<Created<CommentaryResponse>, NotFound, ValidationProblem>> RecordCommentary(
        [MaxChars(40), Code] string code, CommentaryRequest request, ClaimsPrincipal user, RecordAreaCommentary handler, TimeProvider time,
        CancellationToken cancellationToken)
    {

        var subject = TokenSubject.Of(user) ?? "unknown";
        var commentary = await handler.HandleAsync(new RecordAreaCommentary.Command(code, request.Text!, request.On ?? ApiRules.Today(time), subject), cancellationToken);
        if (commentary is null) return TypedResults.NotFound();
        return TypedResults.Created($"/areas/{commentary.AreaCode}/commentary", ToResponse(commentary));
    }

    internal static async Task<Results<Ok<List<CommentaryResponse>>, NotFound>> ListCommentary(
        string code, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var areaCode = code.ToUpperInvariant();
        if (!await db.Areas.AnyAsync(a => a.Code == areaCode, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var lines = await db.AreaCommentaries.AsNoTracking().Where(c => c.AreaCode == areaCode)
            .OrderByDescending(c => c.On).ThenByDescending(c => c.EnteredAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(lines.Select(ToResponse).ToList());
    }

    internal static CommentaryResponse ToResponse(AreaCommentary c) => new(c.Id, c.AreaCode, c.Text, c.On, c.EnteredBy, c.EnteredAt);
}
