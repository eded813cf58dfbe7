using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Reads, exports and bulk imports of personal data, in the same audit trail as changes (<see cref="AuditEntry"/>):
/// who (the token's subject), when, which request (identifiers in the path redacted), what and how many. Changes are
/// recorded by <see cref="AuditInterceptor"/>; a read changes nothing, so it is recorded here, by the endpoint.
/// </summary>
public static class DataAccessAudit
{
    public const string Read = "read";
    public const string Exported = "exported";
    public const string Imported = "imported";

    public static async Task RecordAsync(ServiceDbContext db, HttpContext http, string entity, string action, int count,
        IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(http);
        var now = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        db.AuditEntries.Add(AuditEntry.Create(now, AuditInterceptor.SubjectOf(http), AuditInterceptor.RequestLineOf(http), entity, action, count,
            keys.Take(AuditEntry.MaxKeys).ToList(), []));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Rows a consumer inserted in one SQL statement rather than through the change tracker, recorded as
    /// <see cref="AuditInterceptor"/> records tracked inserts (the work's actor, the entity, <c>added</c>, the count and
    /// the first keys); saved by the context's next <c>SaveChanges</c>, in the rows' transaction.
    /// </summary>
    public static void RecordInserted(ServiceDbContext db, DateTimeOffset at, string entity, int count, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(AuditEntry.Create(at, AuditInterceptor.SubjectOf(null), AuditInterceptor.RequestLineOf(null), entity, "added", count,
            keys.Take(AuditEntry.MaxKeys).ToList(), []));
    }
}
