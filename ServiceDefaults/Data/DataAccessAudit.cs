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
}
