using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Contracts;
using Platform.ServiceDefaults.Messaging;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Base of every service's DbContext. It owns the outbox and inbox tables, so that state changes and the
/// events they raise are saved by one <c>SaveChanges</c> (one transaction), and consumed events are recorded
/// in the same transaction as their effect.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>Who changed what and when (<see cref="AuditInterceptor"/>); read by platform-admins at <c>GET /audit</c>.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Queues an integration event; it is published after, and only if, the next SaveChanges commits.</summary>
    public void AddIntegrationEvent(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        OutboxMessages.Add(OutboxMessage.From(integrationEvent));
        OutboxRowsAdded = true;
        if (MeasuresAffectedFrom(integrationEvent) is { } from) MeasuresChangedFrom(from);
    }

    /// <summary>
    /// For a service that owns measures (docs/measures.md): the first business date whose measure values the event's
    /// change can move, or null. Every change that moves a measure raises an event, so this one mapping records them all.
    /// </summary>
    protected virtual DateOnly? MeasuresAffectedFrom(IntegrationEvent integrationEvent) => null;

    /// <summary>
    /// A transaction for one use case, or null when the caller already holds one (a message consumer's inbox
    /// transaction): the use case then commits with its caller, the inbox row and the effects together.
    /// </summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginUseCaseTransactionAsync(CancellationToken cancellationToken) =>
        Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;

    /// <summary>Records, in this transaction, that the owner's measures must be republished from <paramref name="from"/>.</summary>
    public void MeasuresChangedFrom(DateOnly from) => Set<Measures.MeasureChange>().Add(new Measures.MeasureChange(from));

    /// <summary>
    /// Set when an event was queued and not yet signalled to the dispatcher: the save (or the explicit transaction's
    /// commit) that stores it wakes the dispatcher once, and a commit without new outbox rows, such as the
    /// dispatcher's own, does not (it would otherwise wake itself in a loop).
    /// </summary>
    internal bool OutboxRowsAdded { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new IdempotencyRecordConfiguration());
    }
}

/// <summary>An event waiting to be published, or published and kept for the retention period.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    /// <summary>The event id; used as the broker message id so consumers de-duplicate republished events.</summary>
    public Guid Id { get; private set; }

    /// <summary>Insertion order; the dispatcher publishes in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>Full CLR name of the contract type in <c>Platform.Contracts</c>.</summary>
    public string MessageType { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>W3C traceparent of the request that raised the event, so the trace continues across the broker.</summary>
    public string? TraceParent { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public string? LastError { get; private set; }

    public static OutboxMessage From(IntegrationEvent integrationEvent)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = integrationEvent.EventId,
            MessageType = type.FullName!,
            Payload = JsonSerializer.Serialize(integrationEvent, type, ContractJson.Options),
            OccurredAt = integrationEvent.OccurredAt,
            NextAttemptAt = integrationEvent.OccurredAt,
            TraceParent = Activity.Current?.IdFormat == ActivityIdFormat.W3C ? Activity.Current.Id : null,
        };
    }

    public void MarkFailed(DateTimeOffset now, string error)
    {
        Attempts++;
        // Exponential back-off, so a broker outage is no hot loop, capped at 30 seconds: once the broker is back, the
        // rows that failed during the outage go within half a minute rather than after minutes of accumulated back-off.
        // The rows behind a failed one do not wait for it (the dispatcher puts them back to pending as they were).
        var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(Attempts, 5))));
        NextAttemptAt = now + delay;
        // The claim marked it sent: pending again, to go after the delay.
        SentAt = null;
        LastError = error.Length > 2000 ? error[..2000] : error;
    }
}

/// <summary>A message a consumer has applied; its presence makes redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Sequence).UseIdentityAlwaysColumn();
        builder.Property(m => m.MessageType).HasMaxLength(300);
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.TraceParent).HasMaxLength(100);
        // The dispatcher scans unsent rows in order; a partial index keeps that cheap however many are kept.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Sequence }).HasFilter("sent_at IS NULL");
        builder.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL");
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => new { m.MessageId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(200);
        builder.HasIndex(m => m.ProcessedAt);
    }
}
