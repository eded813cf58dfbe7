using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Workforce.V1;
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

/// <summary>
/// The event pipeline's stack-only ceiling (bench section 1, registered with <c>StackOnly:Pipeline</c>): Finance's
/// consumers' shape with no business rule. Batches of PostCreated taken as Finance takes them
/// (<see cref="MessagingExtensions.AddBatchConsumer{TConsumer}"/>, two in flight), applied set-wise: the batch's items read
/// in one query, one item added or renamed per event, one <c>SaveChanges</c> (with its audit rows) and one commit per batch.
/// </summary>
public sealed class PostCreatedEffectConsumer(StackDbContext db, ILogger<PostCreatedEffectConsumer> logger)
    : BatchInboxConsumer<PostCreated, StackDbContext>(db, logger)
{
    private readonly Dictionary<Guid, Item?> _loaded = [];

    protected override bool AppliesSetWise => true;

    protected override async Task PrepareBatchAsync(IReadOnlyList<PostCreated> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Select(m => m.PostId).Distinct().ToArray();
        var stored = await Db.Items.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var id in ids) _loaded[id] = stored.GetValueOrDefault(id);
    }

    protected override void ForgetBatch() => _loaded.Clear();

    protected override Task HandleAsync(PostCreated message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (_loaded.GetValueOrDefault(message.PostId) is { } item)
        {
            item.Name = message.JobRole;
        }
        else
        {
            item = new Item { Id = message.PostId, Name = message.JobRole };
            Db.Items.Add(item);
            _loaded[message.PostId] = item;
        }
        return Task.CompletedTask;
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model.</summary>
internal sealed class StackDesignTimeFactory : ServiceDesignTimeFactory<StackDbContext>
{
    protected override string DatabaseName => "stackdb";

    protected override StackDbContext Create(DbContextOptions<StackDbContext> options) => new(options);
}
