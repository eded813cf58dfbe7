using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// A POST made with an <c>Idempotency-Key</c> (docs/reliability.md): the caller's subject and key, the SHA-256 of the
/// request (method, path, query, body) and, once answered, the answer, so a retry gets that answer instead of a second
/// change. Written in the same transaction as the request's first save (<see cref="IdempotencyInterceptor"/>), so a
/// change can never commit without it, whatever happens to the answer afterwards.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;

    public string Subject { get; private set; } = "";

    public string Key { get; private set; } = "";

    public string RequestHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The answer's status; null while the request runs, or when its answer was lost after the commit.</summary>
    public int? ResponseStatus { get; private set; }

    public string? ResponseContentType { get; private set; }

    public string? ResponseLocation { get; private set; }

    public string? ResponseBody { get; private set; }

    internal static IdempotencyRecord Start(string subject, string key, string requestHash, DateTimeOffset now) =>
        new() { Subject = subject, Key = key, RequestHash = requestHash, CreatedAt = now };

    /// <summary>The subject as kept: as it is up to 200 characters, else its SHA-256 (a token's <c>sub</c> has no length limit).</summary>
    public static string SubjectKey(string subject) =>
        subject.Length <= 200 ? subject : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subject)));
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => new { r.Subject, r.Key });
        builder.Property(r => r.Subject).HasMaxLength(200);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ResponseContentType).HasMaxLength(200);
        builder.Property(r => r.ResponseLocation).HasMaxLength(1000);
        builder.HasIndex(r => r.CreatedAt);
    }
}

/// <summary>The idempotency key of the request being handled, as the middleware checked it (HttpContext.Items).</summary>
internal sealed class PendingIdempotency(string subject, string key, string requestHash)
{
    public const string ItemKey = "platform.idempotency";

    public string Subject { get; } = subject;

    public string Key { get; } = key;

    public string RequestHash { get; } = requestHash;

    /// <summary>The record went into a save of this request.</summary>
    public bool Added { get; set; }

    /// <summary>That save committed: the record is this request's own.</summary>
    public bool Saved { get; set; }

    /// <summary>That save failed because another request with the same key recorded it first.</summary>
    public bool RaceLost { get; set; }
}

/// <summary>Adds the request's <see cref="IdempotencyRecord"/> to its first save, so the two commit or fail together.</summary>
public sealed class IdempotencyInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddRecord(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddRecord(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NoteSaved();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NoteSaved();
        return base.SavedChanges(eventData, result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        NoteRace(eventData.Exception);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        NoteRace(eventData.Exception);
        base.SaveChangesFailed(eventData);
    }

    private void AddRecord(DbContext? context)
    {
        if (context is null || Pending() is not { Added: false } pending) return;
        // Only a save that changes something carries the record; a read-only request gets its record after it answered.
        if (!context.ChangeTracker.HasChanges()) return;
        context.Add(IdempotencyRecord.Start(pending.Subject, pending.Key, pending.RequestHash, clock.GetUtcNow()));
        pending.Added = true;
    }

    // In an explicit transaction the commit comes later; a rollback then leaves no record, which KeepAnswer copes with.
    private void NoteSaved()
    {
        if (Pending() is { Added: true } pending) pending.Saved = true;
    }

    private void NoteRace(Exception exception)
    {
        if (Pending() is { Added: true } pending
            && exception is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "idempotency_records" } })
        {
            pending.RaceLost = true;
        }
    }

    private PendingIdempotency? Pending() => http.HttpContext?.Items[PendingIdempotency.ItemKey] as PendingIdempotency;
}
