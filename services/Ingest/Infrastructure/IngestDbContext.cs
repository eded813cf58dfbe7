using Microsoft.EntityFrameworkCore;
using Platform.Ingest.Domain;
using Platform.ServiceDefaults.Data;

namespace Platform.Ingest.Infrastructure;

public sealed class IngestDbContext(DbContextOptions<IngestDbContext> options) : ServiceDbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ReceivedEvent> ReceivedEvents => Set<ReceivedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(16);
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Source).HasMaxLength(500);
            key.Property(k => k.SecretHash).HasMaxLength(64);
            key.Ignore(k => k.IsRevoked);
            key.Property(k => k.BrokerUser).HasMaxLength(ApiKey.MaxBrokerUserLength);
            key.Ignore(k => k.SenderOverHttp);
            key.Ignore(k => k.SenderOverAmqp);
            key.HasIndex(k => k.CreatedAt);
            // One sender per source and per broker user: the database holds the rule, whatever races the API.
            key.HasIndex(k => k.Source).IsUnique().HasFilter("revoked_at IS NULL").HasDatabaseName("ux_api_keys_active_source");
            key.HasIndex(k => k.BrokerUser).IsUnique().HasFilter("revoked_at IS NULL AND broker_user IS NOT NULL").HasDatabaseName("ux_api_keys_active_broker_user");
        });

        modelBuilder.Entity<ReceivedEvent>(received =>
        {
            received.HasKey(r => r.MessageId);
            received.Property(r => r.Source).HasMaxLength(500);
            received.Property(r => r.EventId).HasMaxLength(200);
            received.Property(r => r.Type).HasMaxLength(100);
            received.Property(r => r.Channel).HasMaxLength(20);
            received.Property(r => r.Sender).HasMaxLength(120);
            received.Property(r => r.ContentHash).HasMaxLength(64);
            received.Property(r => r.Status).HasMaxLength(20);
            received.Property(r => r.OutcomeService).HasMaxLength(40);
            received.Property(r => r.OutcomeReason).HasMaxLength(ReceivedEvent.MaxReasonLength);
            received.HasIndex(r => new { r.Status, r.ReceivedAt });
            received.HasIndex(r => new { r.Source, r.EventId }).IsUnique();
            received.HasIndex(r => r.ReceivedAt);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without running the service.</summary>
internal sealed class IngestDesignTimeFactory : ServiceDesignTimeFactory<IngestDbContext>
{
    protected override string DatabaseName => "ingestdb";

    protected override IngestDbContext Create(DbContextOptions<IngestDbContext> options) => new(options);
}
