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
            key.HasIndex(k => k.CreatedAt);
        });

        modelBuilder.Entity<ReceivedEvent>(received =>
        {
            received.HasKey(r => r.MessageId);
            received.Property(r => r.Source).HasMaxLength(500);
            received.Property(r => r.EventId).HasMaxLength(200);
            received.Property(r => r.Type).HasMaxLength(100);
            received.Property(r => r.Channel).HasMaxLength(20);
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
