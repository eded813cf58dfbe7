using System.Diagnostics;
using MassTransit;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// Section 1's ceiling experiment: what MassTransit (the platform's transport, pinned) carries on this machine with no
/// outbox and no business logic, alone and with the least an exactly-once consumer must do, an inbox row per message
/// committed with the message's effects (here none); and the platform's whole architecture with no business rule and no
/// ORM (<see cref="Consumer.OutboxAndEffects"/>). The platform pipeline cannot beat these: it adds its business
/// transaction (the commitment's rules, the forecast per batch) and EF Core.
/// </summary>
public static class TransportCeiling
{
    public enum Consumer
    {
        /// <summary>One message at a time, nothing stored: the library's own cost.</summary>
        NoDatabase,

        /// <summary>One message at a time, its inbox row inserted and committed in its own transaction.</summary>
        InboxPerMessage,

        /// <summary>Batches as the platform's batch consumers take them (200 or 50 ms), two in flight, one transaction per batch.</summary>
        InboxPerBatch,

        /// <summary>
        /// The platform's architecture with nothing else: rows committed to an outbox table beforehand, a dispatcher
        /// claiming 100 at a time (<c>FOR UPDATE SKIP LOCKED</c>), publishing them with confirms and marking them sent in
        /// one statement; batches consumed as in <see cref="InboxPerBatch"/>, each storing its inbox rows, one effect row
        /// per message and one audit row per batch in one transaction. Plain SQL, no ORM, no business rule.
        /// </summary>
        OutboxAndEffects,
    }

    public static async Task<double> RunAsync(Consumer consumer, int n)
    {
        await Pipeline.EnsureBenchDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(Env.Pg("benchdb") + ";Maximum Pool Size=20");
        await using (var ddl = database.CreateCommand("""
            DROP TABLE IF EXISTS bench_inbox, bench_outbox, bench_effects, bench_audit;
            CREATE TABLE bench_inbox (message_id uuid NOT NULL, consumer text NOT NULL, processed_at timestamptz NOT NULL, PRIMARY KEY (message_id, consumer));
            CREATE TABLE bench_outbox (id uuid PRIMARY KEY, sequence bigint GENERATED ALWAYS AS IDENTITY, payload jsonb NOT NULL,
                next_attempt_at timestamptz NOT NULL, sent_at timestamptz);
            CREATE INDEX ON bench_outbox (next_attempt_at, sequence) WHERE sent_at IS NULL;
            CREATE TABLE bench_effects (source text PRIMARY KEY, amount numeric(18,2) NOT NULL, applied_at timestamptz NOT NULL);
            CREATE TABLE bench_audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entity text NOT NULL, count int NOT NULL, keys text[] NOT NULL, occurred_at timestamptz NOT NULL);
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
                if (consumer is Consumer.InboxPerBatch or Consumer.OutboxAndEffects)
                {
                    // As AddBatchConsumer with two in flight: one batch more prefetched than apply at once.
                    endpoint.PrefetchCount = 3 * BatchMessageLimit;
                    endpoint.Batch<CeilingPing>(batch =>
                    {
                        batch.MessageLimit = BatchMessageLimit;
                        batch.TimeLimit = TimeSpan.FromMilliseconds(50);
                        batch.ConcurrencyLimit = 2;
                        batch.Consumer(() => new BatchSink(counter, consumer == Consumer.OutboxAndEffects));
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
            double rate;
            if (consumer == Consumer.OutboxAndEffects)
            {
                // Untimed first (JIT, connections, the queue's first messages); then the timed run starts with its rows committed.
                await DispatchOutboxAsync(bus, database, await FillOutboxAsync(database, counter, Math.Min(n, 1000)));
                var done = await FillOutboxAsync(database, counter, n);
                var clock = Stopwatch.StartNew();
                await DispatchOutboxAsync(bus, database, done);
                rate = n / clock.Elapsed.TotalSeconds;
            }
            else
            {
                await PublishAsync(bus, counter, Math.Min(n, 1000)); // untimed: JIT, connections, the queue's first messages
                var clock = Stopwatch.StartNew();
                await PublishAsync(bus, counter, n);
                rate = n / clock.Elapsed.TotalSeconds;
            }
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

    /// <summary>Commits <paramref name="n"/> pings to the outbox table in one transaction, as the platform bench commits its events; returns their consumption.</summary>
    private static async Task<Task> FillOutboxAsync(NpgsqlDataSource database, Counter counter, int n)
    {
        var done = counter.Expect(n);
        var payload = System.Text.Json.JsonSerializer.Serialize(new { text = new string('x', BodyChars) });
        await using var connection = await database.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync("COPY bench_outbox (id, payload, next_attempt_at) FROM STDIN (FORMAT BINARY)");
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < n; i++)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(Guid.NewGuid(), NpgsqlTypes.NpgsqlDbType.Uuid);
            await importer.WriteAsync(payload, NpgsqlTypes.NpgsqlDbType.Jsonb);
            await importer.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
        }
        await importer.CompleteAsync();
        return done;
    }

    /// <summary>
    /// Dispatches the outbox as the platform's dispatcher does, without its ORM: claim 100 due rows in order and mark them
    /// sent in one statement, publish them with 100 confirms in flight, commit; until none is left and every message was consumed.
    /// </summary>
    private static async Task DispatchOutboxAsync(IBusControl bus, NpgsqlDataSource database, Task consumed)
    {
        while (true)
        {
            await using var connection = await database.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var claimed = new List<(Guid Id, string Payload)>(100);
            await using (var claim = new NpgsqlCommand("""
                WITH due AS (
                    SELECT id FROM bench_outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                    ORDER BY next_attempt_at, sequence LIMIT 100 FOR UPDATE SKIP LOCKED)
                UPDATE bench_outbox AS message SET sent_at = now() FROM due WHERE message.id = due.id
                RETURNING message.id, message.payload::text
                """, connection, tx))
            await using (var reader = await claim.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) claimed.Add((reader.GetGuid(0), reader.GetString(1)));
            }
            if (claimed.Count == 0) break;
            await Task.WhenAll(claimed.Select(row =>
            {
                using var json = System.Text.Json.JsonDocument.Parse(row.Payload);
                var text = json.RootElement.GetProperty("text").GetString()!;
                return bus.Publish(new CeilingPing(row.Id, text), context => context.MessageId = row.Id);
            }));
            await tx.CommitAsync();
        }
        await consumed.WaitAsync(TimeSpan.FromMinutes(5));
    }

    /// <summary>The ping's text, so that its MassTransit envelope is about the size of a PostCreated's (Pipeline.MessageBytes).</summary>
    private const int BodyChars = 600;

    /// <summary>The platform's batch size (MessagingExtensions.BatchMessageLimit; the runner does not reference ServiceDefaults).</summary>
    private const int BatchMessageLimit = 200;

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

    private sealed class BatchSink(Counter counter, bool effects) : IConsumer<Batch<CeilingPing>>
    {
        public async Task Consume(ConsumeContext<Batch<CeilingPing>> context)
        {
            await using var connection = await counter.Database.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO bench_inbox SELECT id, 'ceiling', now() FROM unnest($1) AS id ON CONFLICT DO NOTHING", connection, tx)
            {
                Parameters = { new() { Value = context.Message.Select(m => m.MessageId!.Value).ToArray() } },
            })
            {
                await insert.ExecuteNonQueryAsync();
            }
            if (effects)
            {
                // Each message's effect (a row keyed by its source, as a commitment is) and the batch's audit row.
                var sources = context.Message.Select(m => $"ping:{m.MessageId}").ToArray();
                await using var store = new NpgsqlBatch(connection, tx)
                {
                    BatchCommands =
                    {
                        new("""
                            INSERT INTO bench_effects SELECT source, 100, now() FROM unnest($1::text[]) AS source
                            ON CONFLICT (source) DO UPDATE SET amount = excluded.amount, applied_at = excluded.applied_at
                            """) { Parameters = { new() { Value = sources } } },
                        new("INSERT INTO bench_audit (entity, count, keys, occurred_at) VALUES ('effect', cardinality($1::text[]), $1::text[], now())")
                            { Parameters = { new() { Value = sources } } },
                    },
                };
                await store.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            counter.Add(context.Message.Length);
        }
    }
}

/// <summary>The ceiling experiment's message: an id and filler text.</summary>
public sealed record CeilingPing(Guid Id, string Text);
