using System.Diagnostics;
using MassTransit;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// Section 1's ceiling experiment: what MassTransit (the platform's transport, pinned) carries on this machine with no
/// outbox and no business logic, alone and with the least an exactly-once consumer must do, an inbox row per message
/// committed with the message's effects (here none). The platform pipeline cannot beat the best of these: it adds the
/// outbox dispatch (read, publish, mark sent) before and the business transaction after.
/// </summary>
public static class TransportCeiling
{
    public enum Consumer
    {
        /// <summary>One message at a time, nothing stored: the library's own cost.</summary>
        NoDatabase,

        /// <summary>One message at a time, its inbox row inserted and committed in its own transaction.</summary>
        InboxPerMessage,

        /// <summary>Batches as the platform's batch consumers take them (100 or 50 ms), two in flight, one transaction per batch.</summary>
        InboxPerBatch,
    }

    public static async Task<double> RunAsync(Consumer consumer, int n)
    {
        await Pipeline.EnsureBenchDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(Env.Pg("benchdb") + ";Maximum Pool Size=20");
        await using (var ddl = database.CreateCommand("""
            DROP TABLE IF EXISTS bench_inbox;
            CREATE TABLE bench_inbox (message_id uuid NOT NULL, consumer text NOT NULL, processed_at timestamptz NOT NULL, PRIMARY KEY (message_id, consumer));
            """))
        {
            await ddl.ExecuteNonQueryAsync();
        }

        var counter = new Counter(database);
        var queue = "bench-ceiling-" + Guid.NewGuid().ToString("N")[..8];
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(Env.Amqp));
            rabbit.ReceiveEndpoint(queue, endpoint =>
            {
                // A durable queue and persistent messages (MassTransit's defaults), as the platform's queues and the raw
                // baseline's: a transient queue would keep the messages in memory only and measure something else. Deleted
                // when the bus stops: the ping's exchange would otherwise go on copying every later ping into it.
                endpoint.PrefetchCount = 200;
                endpoint.AutoDelete = true;
                if (consumer == Consumer.InboxPerBatch)
                {
                    endpoint.Batch<CeilingPing>(batch =>
                    {
                        batch.MessageLimit = 100;
                        batch.TimeLimit = TimeSpan.FromMilliseconds(50);
                        batch.ConcurrencyLimit = 2;
                        batch.Consumer(() => new BatchSink(counter));
                    });
                }
                else
                {
                    endpoint.Consumer(() => new SingleSink(counter, consumer == Consumer.InboxPerMessage));
                }
            });
        });
        await bus.StartAsync();
        try
        {
            await PublishAsync(bus, counter, Math.Min(n, 1000)); // untimed: JIT, connections, the queue's first messages
            var clock = Stopwatch.StartNew();
            await PublishAsync(bus, counter, n);
            var rate = n / clock.Elapsed.TotalSeconds;
            Log.Say($"transport ceiling, {consumer}: {rate:N0} msg/s");
            return rate;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>Publishes <paramref name="n"/> persistent messages, 100 confirms in flight as in the raw baseline, and waits until all are consumed.</summary>
    private static async Task PublishAsync(IBusControl bus, Counter counter, int n)
    {
        var done = counter.Expect(n);
        var body = new string('x', BodyChars);
        using var window = new SemaphoreSlim(100);
        var tasks = new Task[n];
        for (var i = 0; i < n; i++)
        {
            await window.WaitAsync();
            tasks[i] = PublishOne();
        }
        await Task.WhenAll(tasks);
        await done.WaitAsync(TimeSpan.FromMinutes(5));

        async Task PublishOne()
        {
            try
            {
                await bus.Publish(new CeilingPing(Guid.NewGuid(), body));
            }
            finally
            {
                window.Release();
            }
        }
    }

    /// <summary>The ping's text, so that its MassTransit envelope is about the size of a PostCreated's (Pipeline.MessageBytes).</summary>
    private const int BodyChars = 600;

    private sealed class Counter(NpgsqlDataSource database)
    {
        private int _received;
        private int _expected;
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public NpgsqlDataSource Database { get; } = database;

        public Task Expect(int n)
        {
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _received, 0);
            Volatile.Write(ref _expected, n);
            return _done.Task;
        }

        public void Add(int k)
        {
            if (Interlocked.Add(ref _received, k) >= Volatile.Read(ref _expected)) _done.TrySetResult();
        }
    }

    private sealed class SingleSink(Counter counter, bool inbox) : IConsumer<CeilingPing>
    {
        public async Task Consume(ConsumeContext<CeilingPing> context)
        {
            if (inbox)
            {
                await using var connection = await counter.Database.OpenConnectionAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO bench_inbox VALUES ($1, 'ceiling', now()) ON CONFLICT DO NOTHING", connection, tx)
                {
                    Parameters = { new() { Value = context.MessageId!.Value } },
                };
                await insert.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
            counter.Add(1);
        }
    }

    private sealed class BatchSink(Counter counter) : IConsumer<Batch<CeilingPing>>
    {
        public async Task Consume(ConsumeContext<Batch<CeilingPing>> context)
        {
            await using var connection = await counter.Database.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO bench_inbox SELECT id, 'ceiling', now() FROM unnest($1) AS id ON CONFLICT DO NOTHING", connection, tx)
            {
                Parameters = { new() { Value = context.Message.Select(m => m.MessageId!.Value).ToArray() } },
            };
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            counter.Add(context.Message.Length);
        }
    }
}

/// <summary>The ceiling experiment's message: an id and filler text.</summary>
public sealed record CeilingPing(Guid Id, string Text);
