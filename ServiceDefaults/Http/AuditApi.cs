using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Security;

namespace Platform.ServiceDefaults.Http;

/// <summary><c>GET /audit</c>: the service's audit trail, newest first, for platform-admins only.</summary>
public static class AuditApi
{
    public sealed record AuditEntryResponse(long Id, DateTimeOffset OccurredAt, string Subject, string? Request, string Entity, string Action,
        int Count, IReadOnlyList<string> Keys, IReadOnlyList<string> Fields, string? TraceId);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", ListAsync).WithTags("Audit")
            .WithSummary("The audit trail: who (token subject) changed what (entity, action, keys, fields) and when, newest first")
            .WithDescription("Platform-admins only. Filters: subject, entity (type name, e.g. Team), from/to (instants, inclusive).")
            .RequireAuthorization(PlatformRoles.AdminPolicy);
        return app;
    }

    internal static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> ListAsync(
        string? subject, string? entity, DateTimeOffset? from, DateTimeOffset? to, [AsParameters] PageRequest paging, ServiceDbContext db,
        CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        // The paging rules are declared on PageRequest; this endpoint is mapped from here, so it checks them itself too.
        foreach (var (field, messages) in RequestValidation.Check(paging)) validator.Add(field, messages[0]);
        validator.When(subject is { Length: > 200 }, "subject", "At most 200 characters.");
        validator.When(entity is { Length: > 200 }, "entity", "At most 200 characters.");
        validator.When(from > to, "to", "Must not be before from.");
        if (!validator.IsValid) return validator.ToProblem();

        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(subject)) query = query.Where(a => a.Subject == subject);
        if (!string.IsNullOrWhiteSpace(entity)) query = query.Where(a => a.Entity == entity);
        if (from is { } start) query = query.Where(a => a.OccurredAt >= start);
        if (to is { } end) query = query.Where(a => a.OccurredAt <= end);
        var page = await paging.ApplyAsync(query.OrderByDescending(a => a.Id).Select(a =>
            new AuditEntryResponse(a.Id, a.OccurredAt, a.Subject, a.Request, a.Entity, a.Action, a.Count, a.Keys, a.Fields, a.TraceId)), cancellationToken);
        return TypedResults.Ok(page);
    }
}
