using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Who (the token subject) changed what (entity type, action, keys, fields) and when. One row per entity type and
/// action of each save, written by <see cref="AuditInterceptor"/> in the same transaction as the change, so the trail
/// can neither miss a committed change nor record one that rolled back. A bulk save (an SSDA903 import) is summarised:
/// its count in full, its first <see cref="MaxKeys"/> keys.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxKeys = 100;

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>
    /// The token subject (<c>sub</c>) of the request; for a change applied from an ingested event, its authenticated sender
    /// (<c>ingest:key:&lt;id&gt;</c> or <c>ingest:amqp:&lt;broker user&gt;</c>); <c>system</c> for other event consumers and background work.
    /// </summary>
    public string Subject { get; private set; } = "";

    /// <summary>
    /// The request that made the change (<c>POST /teams</c>; personal identifiers in the path redacted); for an ingested event
    /// <c>EVENT &lt;type&gt; &lt;source&gt; &lt;event id&gt;</c>; null for other background work.
    /// </summary>
    public string? Request { get; private set; }

    public string Entity { get; private set; } = "";

    /// <summary><c>added</c>, <c>modified</c> or <c>deleted</c>; for personal data also <c>read</c>, <c>exported</c> or <c>imported</c> (<see cref="DataAccessAudit"/>).</summary>
    public string Action { get; private set; } = "";

    public int Count { get; private set; }

    /// <summary>Primary keys of the changed rows (at most <see cref="MaxKeys"/>; <c>new</c> while store-generated).</summary>
    public List<string> Keys { get; private set; } = [];

    /// <summary>The properties that changed (every property for added and deleted rows is implied).</summary>
    public List<string> Fields { get; private set; } = [];

    public string? TraceId { get; private set; }

    internal static AuditEntry Create(DateTimeOffset at, string subject, string? request, string entity, string action, int count,
        List<string> keys, List<string> fields) => new()
        {
            OccurredAt = at,
            Subject = subject.Length > 200 ? subject[..200] : subject,
            Request = request is { Length: > 300 } ? request[..300] : request,
            Entity = entity,
            Action = action,
            Count = count,
            Keys = keys,
            Fields = fields,
            TraceId = Activity.Current?.TraceId.ToString(),
        };
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.Request).HasMaxLength(300);
        builder.Property(a => a.Entity).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.Property(a => a.TraceId).HasMaxLength(32);
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.Subject, a.OccurredAt });
    }
}

/// <summary>Adds the <see cref="AuditEntry"/> rows of a save to that same save.</summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public const string SystemSubject = "system";

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context) AddAuditEntries(context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context) AddAuditEntries(context);
        return base.SavingChanges(eventData, result);
    }

    private void AddAuditEntries(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not (AuditEntry or OutboxMessage or InboxMessage or Measures.MeasureChange or IdempotencyRecord))
            .GroupBy(e => (Entity: e.Metadata.ClrType.Name, e.State))
            .ToList();
        if (changed.Count == 0) return;

        var request = http.HttpContext;
        var subject = SubjectOf(request);
        var requestLine = RequestLineOf(request);
        var now = clock.GetUtcNow();
        foreach (var group in changed)
        {
            var entries = group.ToList();
            var fields = group.Key.State == EntityState.Modified
                ? entries.SelectMany(e => e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)).Distinct().Order(StringComparer.Ordinal).ToList()
                : [];
            context.Add(AuditEntry.Create(now, subject, requestLine, group.Key.Entity, group.Key.State.ToString().ToLowerInvariant(),
                entries.Count, entries.Take(AuditEntry.MaxKeys).Select(KeyOf).ToList(), fields));
        }
    }

    /// <summary>
    /// Rows a consumer inserted in one SQL statement rather than through the change tracker, recorded as tracked inserts
    /// are (the work's actor, the entity, <c>added</c>, the count and the first keys, formatted from the model's primary
    /// key as theirs are); saved by the context's next <c>SaveChanges</c>, in the rows' transaction.
    /// </summary>
    public static void RecordSqlInserts<TEntity>(ServiceDbContext db, DateTimeOffset at, IReadOnlyCollection<TEntity> rows)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var key = db.Model.FindEntityType(typeof(TEntity))?.FindPrimaryKey();
        var keys = rows.Take(AuditEntry.MaxKeys).Select(row => KeyOf(key, p => p.GetGetter().GetClrValueUsingContainingEntity(row))).ToList();
        db.AuditEntries.Add(AuditEntry.Create(at, SubjectOf(null), RequestLineOf(null), typeof(TEntity).Name, "added", rows.Count, keys, []));
    }

    /// <summary>The token's subject; else the actor of the work (an ingested event's sender); else <c>system</c>.</summary>
    internal static string SubjectOf(HttpContext? request) =>
        Security.TokenSubject.Of(request?.User) ?? AuditActor.Current?.Subject ?? SystemSubject;

    /// <summary>The request as the traces show it (child identifiers stay in the data they identify, see PersonalData), else what the actor did.</summary>
    internal static string? RequestLineOf(HttpContext? request) => request is null
        ? AuditActor.Current?.Request
        : $"{request.Request.Method} {Security.PersonalData.RedactPath(request.Request.Path.Value)}";

    private static string KeyOf(EntityEntry entry) => KeyOf(entry.Metadata.FindPrimaryKey(), p =>
    {
        var property = entry.Property(p.Name);
        return property.IsTemporary ? "new" : property.CurrentValue;
    });

    /// <summary>A row's primary key as the audit trail shows it: its parts joined by '/'.</summary>
    private static string KeyOf(IKey? key, Func<IProperty, object?> valueOf) => key is null
        ? ""
        : string.Join('/', key.Properties.Select(p => Convert.ToString(valueOf(p), System.Globalization.CultureInfo.InvariantCulture) ?? ""));
}
