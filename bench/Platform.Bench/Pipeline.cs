using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Workforce.V1;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Bench;

/// <summary>
/// Section 1: events/s through Workforce's outbox, RabbitMQ and Finance's inbox consumer into PostgreSQL, against
/// raw RabbitMQ.Client publish-with-confirms (+ consume) and the PostgreSQL outbox-transaction ceiling.
/// </summary>
public static class Pipeline
{
    /// <summary>
    /// Body size of the raw baseline: the MassTransit envelope of one PostCreated (message, headers, host info)
    /// as it sits in the broker, measured on this platform at about 1.3 KB.
    /// </summary>
    public const int MessageBytes = 1300;

    public static async Task RunAsync(Report report)
    {
        var reps = Env.Reps;
        // Twenty thousand: the size of burst the issue is about (a year-end 903 import, an HR migration: tens of thousands of
        // events). At 6,000 the pipeline's fill and drain (the first batch published before Finance has anything to do, the
        // last one committed while the rest is idle) were a sixth of a 1.5 s repetition: the host was 84 % busy.
        var events = Env.Quick ? 2000 : 20_000;
        var rawN = Env.Quick ? 5000 : 10000;
        var pgN = Env.Quick ? 500 : 1000;

        var publish = new List<double>();
        var publishConsume = new List<double>();
        var pg1 = new List<double>();
        var pg8 = new List<double>();
        var ceilings = Enum.GetValues<TransportCeiling.Consumer>().ToDictionary(c => c, _ => new List<double>());
        var pipeline = new List<double>();
        var stackOnlyBursts = new List<StackOnlyBurst>();
        var dispatch = new List<double>();
        var lockWaits = new List<double>();
        var checks = new List<string>();
        var statements = new Report();
        var cpu = new Dictionary<string, double>();
        var rawCpu = new Dictionary<string, double>();
        double wall = 0;
        // Untimed first, as every other target is warmed, until two bursts in a row agree: the services (and the stack-only
        // app) have just started, and their code runs once per batch (60 a repetition), so it reaches the JIT's optimised
        // tiers only after thousands of events. One burst each was not enough: the platform's first timed repetition ran at
        // half the next two (1,366 against 2,741 events/s), the stack-only app's got faster over six (1,592 to 4,141).
        Log.Say("event pipeline: untimed warm-up");
        await Quiet.WaitAsync(TimeSpan.FromMinutes(2));
        var warmUp = Env.Quick ? 1000 : events;
        await WarmUntilSteadyAsync(async () => (await PlatformPipelineAsync(warmUp)).Rate);
        // The stack-only app is the ceiling the verdict rests on, so it is warmed until its CPU per event stops falling
        // too: in the 11:56 run its rate had settled while its CPU per event still fell from 0.43 to 0.33 ms.
        if (StackOnlyRunning)
        {
            // After the services' own after-burst work (the JIT's later tiers, Finance's deferred measures), which the stack-only
            // app's CPU per event (the machine's) would otherwise include.
            await Quiet.WaitAsync(TimeSpan.FromMinutes(2));
            await WarmStackOnlyAsync(warmUp);
        }
        for (var rep = 1; rep <= reps; rep++)
        {
            Log.Say($"event pipeline rep {rep}/{reps}");
            await Quiet.WaitAsync(TimeSpan.FromMinutes(2));
            publish.Add(await RawPublishAsync(rawN, consume: false));
            var rawBefore = CpuSnapshot.Take();
            publishConsume.Add(await RawPublishAsync(rawN, consume: true));
            foreach (var (component, seconds) in CpuSnapshot.Between(rawBefore, CpuSnapshot.Take()))
                rawCpu[component] = rawCpu.GetValueOrDefault(component) + seconds;
            pg1.Add(await PgOutboxCeilingAsync(pgN, connections: 1));
            pg8.Add(await PgOutboxCeilingAsync(pgN, connections: 8));
            // The stack-only app before the ceilings, not just before the platform's pipeline: for a few seconds after a
            // burst it still uses CPU (the JIT's later tiers, the GC), which the platform's repetition would otherwise pay.
            if (StackOnlyRunning)
            {
                stackOnlyBursts.Add(await StackOnlyPipelineAsync(events));
            }
            foreach (var (consumer, rates) in ceilings) rates.Add(await TransportCeiling.RunAsync(consumer, rawN));
            if (rep == reps) await PgStatements.ResetAsync();
            var before = CpuSnapshot.Take();
            var (rate, dispatchRate, waiting, check) = await PlatformPipelineAsync(events);
            dispatch.Add(dispatchRate);
            lockWaits.Add(waiting);
            foreach (var (component, seconds) in CpuSnapshot.Between(before, CpuSnapshot.Take()))
                cpu[component] = cpu.GetValueOrDefault(component) + seconds;
            wall += events / rate;
            pipeline.Add(rate);
            checks.Add(check);
            if (rep == reps) await PgStatements.WriteTopAsync(statements, "the last repetition's platform pipeline");
        }

        // Not in --quick: one more repetition with dotnet-counters attached to the services the events go through.
        List<CounterSummary>? counters = null;
        if (!Env.Quick)
        {
            Log.Say("event pipeline: extra repetition with dotnet-counters attached");
            await Quiet.WaitAsync(TimeSpan.FromMinutes(2));
            var session = DotnetCounters.Start(["workforce", "finance", "inspections", "placements"], "pipeline", TimeSpan.FromSeconds(25));
            await DotnetCounters.WarmUpAsync();
            var from = DateTime.UtcNow;
            var (_, _, _, diagnosticCheck) = await PlatformPipelineAsync(events);
            counters = await session.WaitAsync(from, DateTime.UtcNow);
            checks.Add(diagnosticCheck);
        }

        var raw = new Stat(publishConsume);
        var ours = new Stat(pipeline);
        report.Heading("1. Event pipeline");
        report.Line($"{events:N0} `PostCreated` events per repetition are committed to Workforce's `outbox_messages` in one transaction " +
                    "(exactly the rows `AddIntegrationEvent` writes), then timed until Finance's `PostCreatedConsumer` has applied the last one " +
                    "(inbox row + commitment source per event, the forecast once per batch, one transaction per batch of up to 200, two batches in flight), " +
                    "after untimed bursts of as many through the same path until two in a row ran within 10 % of each other (at most six). " +
                    $"Raw baselines: {rawN:N0} persistent {MessageBytes:N0}-byte messages on the same broker, 100 confirms in flight, " +
                    $"one consumer acking each message (prefetch 100); PostgreSQL: {pgN:N0} transactions of insert row + insert outbox row + commit.");
        report.Line();
        report.Table("figure", "median (min / max, n)", "baseline", "ratio", "target");
        report.Row("platform pipeline: outbox → RabbitMQ → inbox consumer → PostgreSQL", ours.Format("events/s"),
            "raw publish+consume " + raw.Format("msg/s"), Report.Ratio(ours.Median, raw.Median),
            "≥ 40 % of raw publish+consume: " + Report.Met(ours.Median >= 0.4 * raw.Median));
        report.Row("stage: outbox dispatch (commit → every row confirmed by the broker and marked sent)", new Stat(dispatch).Format("events/s"),
            "raw publish " + new Stat(publish).Format("msg/s"), Report.Ratio(new Stat(dispatch).Median, new Stat(publish).Median), "");
        report.Row("raw RabbitMQ.Client publish with confirms", new Stat(publish).Format("msg/s"), "", "", "");
        report.Row("raw RabbitMQ.Client publish + consume", raw.Format("msg/s"), "", "", "");
        report.Row("PostgreSQL insert + outbox row + commit, 1 connection", new Stat(pg1).Format("tx/s"), "", Report.Ratio(ours.Median, new Stat(pg1).Median) + " (pipeline / this)", "");
        report.Row("PostgreSQL insert + outbox row + commit, 8 connections", new Stat(pg8).Format("tx/s"), "", Report.Ratio(ours.Median, new Stat(pg8).Median) + " (pipeline / this)", "");
        report.Row("ceiling experiment: MassTransit publish + consume, nothing stored (the transport's own cost)",
            new Stat(ceilings[TransportCeiling.Consumer.NoDatabase]).Format("msg/s"), "raw publish+consume",
            Report.Ratio(new Stat(ceilings[TransportCeiling.Consumer.NoDatabase]).Median, raw.Median), "");
        report.Row("ceiling experiment: MassTransit, an inbox row committed per message, no business logic",
            new Stat(ceilings[TransportCeiling.Consumer.InboxPerMessage]).Format("msg/s"), "raw publish+consume",
            Report.Ratio(new Stat(ceilings[TransportCeiling.Consumer.InboxPerMessage]).Median, raw.Median), "");
        report.Row("ceiling experiment: MassTransit batches (200 or 50 ms, two in flight), inbox rows committed per batch, no business logic",
            new Stat(ceilings[TransportCeiling.Consumer.InboxPerBatch]).Format("msg/s"), "raw publish+consume",
            Report.Ratio(new Stat(ceilings[TransportCeiling.Consumer.InboxPerBatch]).Median, raw.Median), "");
        var architecture = new Stat(ceilings[TransportCeiling.Consumer.OutboxAndEffects]);
        report.Row("ceiling experiment: the platform's architecture without business logic or ORM (outbox claimed and marked sent 100 at a time in one statement, published, committed; batches as above storing inbox rows, an effect row per message and an audit row per batch)",
            architecture.Format("msg/s"), "raw publish+consume", Report.Ratio(architecture.Median, raw.Median), "");
        var stack = new Stat(stackOnlyBursts.Count > 0 ? [.. stackOnlyBursts.Select(b => b.Rate)] : [0]);
        if (stackOnlyBursts.Count > 0)
        {
            report.Row("ceiling experiment: the platform's own stack without its business rules (`bench/StackOnlyApi`: the same outbox rows, " +
                       "outbox dispatcher, batch inbox consumer set-wise with two batches in flight, EF Core save with audit rows and commit per batch; " +
                       "one row added per event where Finance applies its rules)",
                stack.Format("events/s"), "raw publish+consume", Report.Ratio(stack.Median, raw.Median), "");
        }
        report.Line();
        var exactlyOnceCeiling = Math.Max(new Stat(ceilings[TransportCeiling.Consumer.InboxPerMessage]).Median,
            new Stat(ceilings[TransportCeiling.Consumer.InboxPerBatch]).Median);
        report.Line("The ceiling experiments run in the bench runner against the same broker and PostgreSQL, with the raw baseline's message size and " +
                    "publish window. The first three have no outbox (the platform also reads, publishes and marks sent each outbox row) and no business logic: the most an " +
                    "exactly-once consumer on MassTransit can reach here. Its best, " + Stat.F(exactlyOnceCeiling, 0) + " msg/s, is " +
                    Report.Ratio(exactlyOnceCeiling, raw.Median) + " of raw publish+consume. The last adds what the platform's design itself requires " +
                    "(the transactional outbox before, the effect and audit rows after) in plain SQL: " + Stat.F(architecture.Median, 0) + " msg/s, " +
                    Report.Ratio(architecture.Median, raw.Median) + " of raw; the 40 % target is " +
                    (architecture.Median < 0.4 * raw.Median
                        ? "**above this machine's ceiling** for an exactly-once pipeline with a transactional outbox over MassTransit. "
                        : "within it, so the rest of the gap is the platform's own work per event (its business rules and EF Core). ") +
                    "The platform pipeline reaches " + Report.Ratio(ours.Median, architecture.Median) + " of that ceiling.");
        report.Line();
        if (stackOnlyBursts.Count > 0)
        {
            // The ceiling is the experiment at its best: its fastest repetition, and what its cheapest repetition's CPU per
            // event would allow with both cores busy on nothing else; the target is shown unreachable only if both fall short.
            var cheapest = stackOnlyBursts.MinBy(b => b.CpuMsPerEvent)!;
            var cpuBound = 1000.0 * Environment.ProcessorCount / cheapest.CpuMsPerEvent;
            var ceiling = Math.Max(stack.Max, cpuBound);
            string Share(string component) => Stat.F(new Stat([.. stackOnlyBursts.Select(b => b.CpuMsByComponent.GetValueOrDefault(component))]).Median, 2) + " ms";
            report.Line("The stack-only experiment is the platform's own code path with the business taken out: `bench/StackOnlyApi`, on a " +
                        "RabbitMQ virtual host and a database of its own, registered as a service is (`AddServiceDatabase`, `AddMessaging`, " +
                        "`AddBatchConsumer` with two batches in flight), gets the same PostCreated rows committed to its outbox; its consumer " +
                        "reads the batch's rows in one query and adds one per event, and the batch is saved with its inbox and audit rows in one " +
                        "transaction, as Finance's is. Before timing it ran untimed bursts until both its rate and its CPU per event had settled. " +
                        "It carried " + stack.Format("events/s") + ", " + Report.Ratio(stack.Median, raw.Median) + " of raw (its fastest repetition " +
                        Report.Ratio(stack.Max, raw.Median) + "), using " + new Stat([.. stackOnlyBursts.Select(b => b.CpuMsPerEvent)]).Format("CPU-ms", 2) +
                        " per event of the machine (median split: the app " + Share(CpuSnapshot.StackOnly) + ", PostgreSQL " + Share("postgresql") +
                        ", RabbitMQ " + Share("rabbitmq") + "); at its cheapest repetition's cost, with both cores busy on nothing else, it could carry at most " +
                        Stat.F(cpuBound, 0) + " events/s, " + Report.Ratio(cpuBound, raw.Median) + " of raw. The 40 % target is " +
                        (ceiling < 0.9 * 0.4 * raw.Median
                            ? "**above this machine's ceiling for the platform's stack** (EF Core, MassTransit and the platform's outbox and inbox), " +
                              "with no business rule at all. "
                            : ceiling < 0.4 * raw.Median
                                ? "at the edge of this machine's ceiling for the platform's stack (less than 10 % above the best of those two figures), " +
                                  "so not shown unreachable. "
                                : "within it. ") +
                        (ours.Median < 0.95 * stack.Median
                            ? "The platform pipeline reaches " + Report.Ratio(ours.Median, stack.Median) + " of its median: the rest is Finance's rules and the " +
                              "forecast and measures they feed."
                            : "The platform pipeline carried as much (" + Report.Ratio(ours.Median, stack.Median) + " of its median): what limits both is the path " +
                              "they share (the outbox dispatcher, the broker, the batch consumer and the commits), not Finance's rules."));
            report.Line();
        }
        report.Line($"Finance sessions waiting for a lock while the events flowed (sampled every 100 ms): {new Stat(lockWaits).Format("on average", 1)}.");
        report.Line();
        report.Line("Exactly-once check (counted in the databases after each repetition): " + string.Join("; ", checks.Distinct()) + ".");
        report.Line();
        var total = events * reps;
        var capacity = cpu.GetValueOrDefault("machine busy") + cpu.GetValueOrDefault("machine idle");
        report.Line($"Where the time goes: CPU used from the outbox commit until Finance applied the last event, summed over the repetitions " +
                    $"({wall:N1} s of wall time, {capacity:N1} CPU-seconds available on {Environment.ProcessorCount} cores), from /proc:");
        report.Line();
        report.Table("component", "CPU s", "CPU ms per event", "share of available CPU");
        foreach (var (component, seconds) in cpu.Where(kv => kv.Key != "machine idle").OrderByDescending(kv => kv.Value))
        {
            report.Row(component, seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                (1000 * seconds / total).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                capacity > 0 ? (seconds / capacity).ToString("P0", System.Globalization.CultureInfo.InvariantCulture) : "");
        }
        report.Line();
        // The baseline's own cost, for scale: what a message costs the machine and the broker with nothing but the client.
        var rawMessages = (double)rawN * reps;
        report.Line("For scale, the raw publish+consume baseline (RabbitMQ.Client alone, no database) used " +
                    Stat.F(1000 * rawCpu.GetValueOrDefault("machine busy") / rawMessages, 2) + " CPU-ms of the machine per message, RabbitMQ " +
                    Stat.F(1000 * rawCpu.GetValueOrDefault("rabbitmq") / rawMessages, 2) + " ms of it.");
        report.Line();
        await MeasureScaling.RunAsync(report);
        report.Line();
        report.Line(statements.ToString().TrimEnd());
        if (counters is not null)
        {
            report.Line();
            DotnetCounters.Write(report, "an extra repetition of the platform pipeline", counters);
        }
    }

    private static async Task<double> RawPublishAsync(int n, bool consume)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Env.Amqp) };
        await using var connection = await factory.CreateConnectionAsync("bench-raw");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var queue = "bench-raw-" + Guid.NewGuid().ToString("N")[..8];
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);

        IChannel? consumerChannel = null;
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (consume)
        {
            consumerChannel = await connection.CreateChannelAsync();
            await consumerChannel.BasicQosAsync(0, 100, false);
            var consumer = new AsyncEventingBasicConsumer(consumerChannel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                await consumerChannel.BasicAckAsync(delivery.DeliveryTag, false);
                if (Interlocked.Increment(ref received) == n) done.TrySetResult();
            };
            await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);
        }

        var body = new byte[MessageBytes];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" };
        using var window = new SemaphoreSlim(100);
        var clock = Stopwatch.StartNew();
        var tasks = new Task[n];
        for (var i = 0; i < n; i++)
        {
            await window.WaitAsync();
            tasks[i] = PublishOne(channel, queue, properties, body, window);
        }
        await Task.WhenAll(tasks);
        if (consume) await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed.TotalSeconds;

        if (consumerChannel is not null) await consumerChannel.DisposeAsync();
        await channel.QueueDeleteAsync(queue);
        return n / elapsed;
    }

    private static async Task PublishOne(IChannel channel, string queue, BasicProperties properties, byte[] body, SemaphoreSlim window)
    {
        try
        {
            await channel.BasicPublishAsync("", queue, false, properties, body);
        }
        finally
        {
            window.Release();
        }
    }

    internal static async Task EnsureBenchDatabaseAsync()
    {
        await using var admin = new NpgsqlConnection(Env.Pg("postgres"));
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'benchdb'", admin);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand("CREATE DATABASE benchdb", admin);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The PostgreSQL ceiling of the outbox pattern: one business row and one outbox row per transaction.</summary>
    private static async Task<double> PgOutboxCeilingAsync(int n, int connections)
    {
        await EnsureBenchDatabaseAsync();
        var cs = Env.Pg("benchdb") + ";Maximum Pool Size=20";
        await using (var setup = new NpgsqlConnection(cs))
        {
            await setup.OpenAsync();
            await using var ddl = new NpgsqlCommand("""
                DROP TABLE IF EXISTS bench_posts, bench_outbox;
                CREATE TABLE bench_posts (id uuid PRIMARY KEY, team_code text NOT NULL, job_role text NOT NULL, fte numeric NOT NULL, annual_cost numeric NOT NULL, effective_from date NOT NULL);
                CREATE TABLE bench_outbox (id uuid PRIMARY KEY, sequence bigint GENERATED ALWAYS AS IDENTITY, message_type varchar(300) NOT NULL, payload jsonb NOT NULL,
                  occurred_at timestamptz NOT NULL, next_attempt_at timestamptz NOT NULL, sent_at timestamptz NULL);
                CREATE INDEX ON bench_outbox (next_attempt_at, sequence) WHERE sent_at IS NULL;
                """, setup);
            await ddl.ExecuteNonQueryAsync();
        }

        var payload = JsonSerializer.Serialize(SamplePost(Guid.NewGuid()), JsonOptions);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync();
            while (Interlocked.Increment(ref next) < n)
            {
                await using var tx = await connection.BeginTransactionAsync();
                await using var batch = new NpgsqlBatch(connection, tx)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand("INSERT INTO bench_posts VALUES ($1, 'BENCH', 'social-worker', 1, 45000, '2025-04-01')") { Parameters = { new() { Value = Guid.NewGuid() } } },
                        new NpgsqlBatchCommand("INSERT INTO bench_outbox (id, message_type, payload, occurred_at, next_attempt_at) VALUES ($1, 'Platform.Contracts.Workforce.V1.PostCreated', $2, now(), now())")
                        {
                            Parameters = { new() { Value = Guid.NewGuid() }, new() { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb } },
                        },
                    },
                };
                await batch.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
        }));
        return n / clock.Elapsed.TotalSeconds;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static PostCreated SamplePost(Guid id) =>
        new(id, "BENCH-T1", "social-worker", "SW3", 1m, 45000m, "3.4.1", new DateOnly(2025, 4, 1));

    /// <summary>
    /// Commits one PostCreated row per id to a service's outbox in one transaction, as <c>AddIntegrationEvent</c> writes
    /// them (the outbox's trigger notifies the dispatchers at the commit, as a service's own commit signals them). Returns
    /// the server's clock just before the commit: the timed span starts there, so it includes the commit's own flush.
    /// </summary>
    private static async Task<DateTime> CommitPostCreatedAsync(NpgsqlConnection connection, Guid[] ids, DateTimeOffset now)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (id, message_type, payload, occurred_at, next_attempt_at, attempts) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var id in ids)
            {
                var evt = SamplePost(id) with { EventId = id, OccurredAt = now };
                await importer.StartRowAsync();
                await importer.WriteAsync(id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(typeof(PostCreated).FullName!, NpgsqlDbType.Varchar);
                await importer.WriteAsync(JsonSerializer.Serialize(evt, JsonOptions), NpgsqlDbType.Jsonb);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await importer.CompleteAsync();
        }
        await using var clock = new NpgsqlCommand("SELECT clock_timestamp()", connection, tx);
        var committing = (DateTime)(await clock.ExecuteScalarAsync())!;
        await tx.CommitAsync();
        return committing;
    }

    /// <summary>
    /// When the last of <paramref name="ids"/>' rows in <paramref name="table"/> was committed as it is now (the server
    /// records every commit's time with <c>track_commit_timestamp</c>, set for the bench's server): the end of a timed
    /// span exactly, where a progress probe every 100 ms overshot it by up to a probe interval.
    /// </summary>
    private static async Task<DateTime> LastCommitAsync(NpgsqlConnection connection, string table, string idColumn, Guid[] ids)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT max(pg_xact_commit_timestamp(xmin)) FROM {table} WHERE {idColumn} = ANY($1)", connection) { Parameters = { new() { Value = ids } } };
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Commits <paramref name="n"/> PostCreated rows to Workforce's outbox and waits for Finance to apply them all.</summary>
    internal static async Task<(double Rate, double DispatchRate, double LockWaiting, string Check)> PlatformPipelineAsync(int n)
    {
        var ids = Enumerable.Range(0, n).Select(_ => Guid.NewGuid()).ToArray();
        var sources = ids.Select(id => $"post:{id}").ToArray();
        await using var workforce = new NpgsqlConnection(Env.Pg("workforcedb"));
        await using var finance = new NpgsqlConnection(Env.Pg("financedb"));
        await workforce.OpenAsync();
        await finance.OpenAsync();

        var now = DateTimeOffset.UtcNow;
        var committing = await CommitPostCreatedAsync(workforce, ids, now);

        // The probes only say when to stop (the span is read from the commits' timestamps after), but they must not load the
        // database they measure: a count over the 6,000 ids every 100 ms took 15 ms of PostgreSQL's time each, and counting
        // the pending rows 3 ms. So: is any row from the burst's first sequence still unsent (the first entry of the partial
        // index of unsent rows answers); has Finance applied the burst's last event (the outbox's order is the broker's)
        // and only then counted from the inbox's processed_at index, with the exact count by id to confirm.
        // The COPY numbers its rows in order, so the burst's first id holds its first sequence (a min over all 20,000 ids
        // took 0.14 s of PostgreSQL inside the timed span).
        long firstSequence;
        await using (var first = new NpgsqlCommand("SELECT sequence FROM outbox_messages WHERE id = $1", workforce) { Parameters = { new() { Value = ids[0] } } })
        {
            firstSequence = (long)(await first.ExecuteScalarAsync())!;
        }
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromMinutes(Env.Quick ? 3 : 6);
        long applied = 0;
        var dispatched = false;
        var waitingSamples = new List<long>();
        await using var admin = new NpgsqlConnection(Env.Pg("postgres"));
        await admin.OpenAsync();
        while (clock.Elapsed < deadline)
        {
            if (!dispatched)
                dispatched = await CountAsync(workforce, "SELECT count(*) FROM (SELECT FROM outbox_messages WHERE sent_at IS NULL AND sequence >= $1 LIMIT 1) AS pending", (object)firstSequence) == 0;
            if (applied < n)
            {
                applied = await AppliedAsync(finance, "PostCreatedConsumer", ids, now);
                // Evidence for "where the time goes": Finance sessions waiting for a lock right now.
                await using var locks = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = 'financedb' AND wait_event_type = 'Lock'", admin);
                waitingSamples.Add((long)(await locks.ExecuteScalarAsync())!);
            }
            if (applied >= n && dispatched) break;
            await Task.Delay(100);
        }
        if (applied < n) throw new InvalidOperationException($"only {applied} of {n} events were applied by Finance within {deadline}");
        var seconds = (await LastCommitAsync(finance, "inbox_messages", "message_id", ids) - committing).TotalSeconds;
        var dispatchSeconds = (await LastCommitAsync(workforce, "outbox_messages", "id", ids) - committing).TotalSeconds;

        var effects = await CountAsync(finance, "SELECT count(*) FROM commitment_sources WHERE source = ANY($1)", sources);
        var inboxRows = await CountAsync(finance, "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", ids);
        var sent = await CountAsync(workforce, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL AND id = ANY($1)", ids);
        var ok = effects == n && inboxRows == n && sent == n;
        var check = ok
            ? $"{n:N0} sent = {n:N0} Finance commitment sources = {n:N0} Finance inbox rows: exactly once"
            : $"MISMATCH: {n} sent by the outbox {sent}, Finance sources {effects}, Finance inbox rows {inboxRows}";
        Log.Say($"pipeline: {n / seconds:N0} events/s; {check}");
        return (n / seconds, n / dispatchSeconds, waitingSamples.Count == 0 ? 0 : waitingSamples.Average(), check);
    }

    /// <summary>Runs untimed bursts until one's rate is within 10 % of the one before (at most six; one in --quick).</summary>
    private static async Task WarmUntilSteadyAsync(Func<Task<double>> burst)
    {
        var previous = await burst();
        for (var i = 1; i < (Env.Quick ? 1 : 6); i++)
        {
            var rate = await burst();
            if (Math.Abs(rate - previous) <= 0.1 * previous) return;
            previous = rate;
        }
    }

    /// <summary>
    /// Untimed bursts of the stack-only app until two in a row agree within 10 % on the rate and within 5 % on the CPU per
    /// event (at most ten; one in --quick).
    /// </summary>
    private static async Task WarmStackOnlyAsync(int events)
    {
        var previous = await StackOnlyPipelineAsync(events);
        for (var i = 1; i < (Env.Quick ? 1 : 10); i++)
        {
            var burst = await StackOnlyPipelineAsync(events);
            if (Math.Abs(burst.Rate - previous.Rate) <= 0.1 * previous.Rate &&
                Math.Abs(burst.CpuMsPerEvent - previous.CpuMsPerEvent) <= 0.05 * previous.CpuMsPerEvent) return;
            previous = burst;
        }
    }

    /// <summary>One burst of the stack-only app: its rate, the machine's CPU-ms per event, and the app's, PostgreSQL's and RabbitMQ's.</summary>
    internal sealed record StackOnlyBurst(double Rate, double CpuMsPerEvent, IReadOnlyDictionary<string, double> CpuMsByComponent);

    /// <summary>Whether <c>./platform bench</c> started bench/StackOnlyApi for the stack-only ceiling (section 1 runs).</summary>
    internal static bool StackOnlyRunning => Env.Optional("BENCH_PID_STACK_PIPELINE") is not null;

    /// <summary>
    /// Commits <paramref name="n"/> PostCreated rows to the stack-only app's outbox and waits until its batch consumer has
    /// applied them all: events/s, and the machine's CPU-ms per event over that time.
    /// </summary>
    internal static async Task<StackOnlyBurst> StackOnlyPipelineAsync(int n)
    {
        var ids = Enumerable.Range(0, n).Select(_ => Guid.NewGuid()).ToArray();
        await using var stack = new NpgsqlConnection(Env.Pg(Env.Get("BENCH_STACK_PIPELINE_DB")));
        await stack.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var before = CpuSnapshot.Take();
        var committing = await CommitPostCreatedAsync(stack, ids, now);
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromMinutes(Env.Quick ? 3 : 6);
        long applied = 0;
        while (clock.Elapsed < deadline)
        {
            applied = await AppliedAsync(stack, "PostCreatedEffectConsumer", ids, now);
            if (applied >= n) break;
            await Task.Delay(100);
        }
        if (applied < n) throw new InvalidOperationException($"only {applied} of {n} events were applied by the stack-only app within {deadline}");
        var seconds = (await LastCommitAsync(stack, "inbox_messages", "message_id", ids) - committing).TotalSeconds;
        var used = CpuSnapshot.Between(before, CpuSnapshot.Take());
        var cpu = used.GetValueOrDefault("machine busy");
        var byComponent = new[] { CpuSnapshot.StackOnly, "postgresql", "rabbitmq" }.ToDictionary(c => c, c => 1000 * used.GetValueOrDefault(c) / n);
        var items = await CountAsync(stack, "SELECT count(*) FROM items WHERE id = ANY($1)", ids);
        if (items != n) throw new InvalidOperationException($"the stack-only app stored {items} rows for {n} events");
        Log.Say($"stack-only pipeline: {n / seconds:N0} events/s, {1000 * cpu / n:N2} CPU-ms per event");
        return new StackOnlyBurst(n / seconds, 1000 * cpu / n, byComponent);
    }

    /// <summary>
    /// How many of a burst's events <paramref name="consumer"/> has applied, 0 until its last event is in: the cheap probes
    /// first (the last event by key, then the count by processed_at), the exact count by id only once both say done.
    /// </summary>
    private static async Task<long> AppliedAsync(NpgsqlConnection connection, string consumer, Guid[] ids, DateTimeOffset since)
    {
        await using var last = new NpgsqlCommand("SELECT count(*) FROM inbox_messages WHERE consumer = $1 AND message_id = $2", connection)
        {
            Parameters = { new() { Value = consumer }, new() { Value = ids[^1] } },
        };
        if ((long)(await last.ExecuteScalarAsync())! == 0) return 0;
        await using var recent = new NpgsqlCommand("SELECT count(*) FROM inbox_messages WHERE consumer = $1 AND processed_at >= $2", connection)
        {
            Parameters = { new() { Value = consumer }, new() { Value = since } },
        };
        if ((long)(await recent.ExecuteScalarAsync())! < ids.Length) return 0;
        await using var exact = new NpgsqlCommand("SELECT count(*) FROM inbox_messages WHERE consumer = $1 AND message_id = ANY($2)", connection)
        {
            Parameters = { new() { Value = consumer }, new() { Value = ids } },
        };
        return (long)(await exact.ExecuteScalarAsync())!;
    }

    private static Task<long> CountAsync<T>(NpgsqlConnection connection, string sql, T[] values) => CountAsync(connection, sql, (object)values);

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, object value)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
