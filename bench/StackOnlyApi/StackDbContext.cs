using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Bench.StackOnly;

/// <summary>One trivial entity beside the tables every service's context owns (outbox, inbox, audit, idempotency).</summary>
public sealed class StackDbContext(DbContextOptions<StackDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Item> Items => Set<Item>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Item>(item =>
        {
            item.HasKey(i => i.Id);
            item.Property(i => i.Name).HasMaxLength(100);
        });
    }
}

public sealed class Item
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>The bus's one message: nothing sends it; its queue is bound as a service's are.</summary>
public sealed record Ping(Guid Id);

/// <summary>One consumer, through the inbox like the services' consumers.</summary>
public sealed class PingConsumer(StackDbContext db) : InboxConsumer<Ping, StackDbContext>(db)
{
    protected override Task HandleAsync(Ping message, DateTimeOffset sentAt, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model.</summary>
internal sealed class StackDesignTimeFactory : ServiceDesignTimeFactory<StackDbContext>
{
    protected override string DatabaseName => "stackdb";

    protected override StackDbContext Create(DbContextOptions<StackDbContext> options) => new(options);
}
