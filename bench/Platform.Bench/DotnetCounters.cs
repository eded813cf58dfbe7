using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// Runtime counters of the services during a measurement, from <c>dotnet-counters collect</c> (the repository's
/// local tool) attached to each process: CPU, allocation, GC pauses, JIT, lock contention, thread-pool queue and
/// Npgsql command latency. Attaching costs a little CPU, so the sections run it in an extra, untimed repetition.
/// </summary>
public sealed class DotnetCounters
{
    private readonly List<(string App, Process Process, string File)> _sessions = [];

    /// <summary>
    /// Attaches to each app for <paramref name="duration"/>. The session ends by itself: dotnet-counters ends its
    /// session in the target runtime only when it finishes normally (a killed one leaves it open, and the runtime then
    /// refuses the next one), and it does not answer SIGINT without a terminal.
    /// </summary>
    public static DotnetCounters Start(IEnumerable<string> apps, string label, TimeSpan duration)
    {
        var counters = new DotnetCounters();
        foreach (var app in apps)
        {
            var file = Path.Combine(Env.Work, $"counters-{label}-{app}.csv");
            File.Delete(file);
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Env.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "dotnet-counters", "collect", "--process-id", Env.Pid(app).ToString(CultureInfo.InvariantCulture),
                         "--counters", "System.Runtime,Npgsql", "--refresh-interval", "1", "--format", "csv", "--output", file,
                         "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(arg);
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet-counters did not start");
            var log = Path.ChangeExtension(file, ".log");
            _ = process.StandardOutput.ReadToEndAsync().ContinueWith(t => File.AppendAllText(log, t.Result), TaskScheduler.Default);
            _ = process.StandardError.ReadToEndAsync().ContinueWith(t => File.AppendAllText(log, t.Result), TaskScheduler.Default);
            counters._sessions.Add((app, process, file));
        }
        return counters;
    }

    /// <summary>Gives the sessions time to attach (the first sample comes after one refresh interval).</summary>
    public static Task WarmUpAsync() => Task.Delay(TimeSpan.FromSeconds(3));

    /// <summary>
    /// Waits for every session to end (killed if it has not a minute later) and summarises
    /// the samples taken while the measured work ran (from <paramref name="from"/> to <paramref name="to"/>, UTC).
    /// </summary>
    public async Task<List<CounterSummary>> WaitAsync(DateTime from, DateTime to)
    {
        var summaries = new List<CounterSummary>();
        foreach (var (app, process, file) in _sessions)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            summaries.Add(CounterSummary.Read(app, file, from, to));
        }
        return summaries;
    }

    public static void Write(Report report, string during, IReadOnlyList<CounterSummary> summaries)
    {
        report.Line($"Runtime counters of the services during {during} (`dotnet-counters collect`, System.Runtime and Npgsql meters, " +
                    "1 s samples, mean over the samples taken while the work ran; an extra repetition, not in the figures above):");
        report.Line();
        report.Table("service", "samples", "CPU (cores)", "allocated MB/s", "GC pause %", "gen0/gen1/gen2 GCs per s", "JIT %",
            "lock contentions/s", "thread-pool queue", "Npgsql commands executing", "Npgsql command p95 ms", "working set MiB");
        foreach (var s in summaries) report.Row(s.Cells());
        report.Line();
    }
}

/// <summary>The means of one process's counter samples.</summary>
public sealed record CounterSummary(string App, int Samples, IReadOnlyDictionary<string, double> Means)
{
    public static CounterSummary Read(string app, string file, DateTime from, DateTime to)
    {
        var sums = new Dictionary<string, (double Sum, int N)>();
        var stamps = new HashSet<string>();
        if (File.Exists(file))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment (tag values contain no commas)
                var fields = line.Split(',');
                if (fields.Length < 5) continue;
                if (!double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
                // dotnet-counters stamps samples in the machine's local time, to the second.
                if (!DateTime.TryParseExact(fields[0], "MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at)) continue;
                at = at.ToUniversalTime();
                if (at < from.AddSeconds(-1) || at > to.AddSeconds(1)) continue;
                var name = string.Join(",", fields[2..^2]);
                stamps.Add(fields[0]);
                var key = Key(name);
                if (key is null) continue;
                // Several series per key (e.g. user and system CPU, one pool per database) add up within a sample.
                var sampleKey = key + "@" + fields[0];
                sums[sampleKey] = (sums.GetValueOrDefault(sampleKey).Sum + value, 1);
            }
        }
        var means = sums
            .GroupBy(kv => kv.Key[..kv.Key.IndexOf('@', StringComparison.Ordinal)])
            .ToDictionary(g => g.Key, g => g.Average(kv => kv.Value.Sum));
        return new CounterSummary(app, stamps.Count, means);
    }

    private static string? Key(string name) => name switch
    {
        _ when name.StartsWith("dotnet.process.cpu.time", StringComparison.Ordinal) => "cpu",
        _ when name.StartsWith("dotnet.gc.heap.total_allocated", StringComparison.Ordinal) => "alloc",
        _ when name.StartsWith("dotnet.gc.pause.time", StringComparison.Ordinal) => "pause",
        _ when name.StartsWith("dotnet.gc.collections", StringComparison.Ordinal) && name.Contains("=gen0", StringComparison.Ordinal) => "gen0",
        _ when name.StartsWith("dotnet.gc.collections", StringComparison.Ordinal) && name.Contains("=gen1", StringComparison.Ordinal) => "gen1",
        _ when name.StartsWith("dotnet.gc.collections", StringComparison.Ordinal) && name.Contains("=gen2", StringComparison.Ordinal) => "gen2",
        _ when name.StartsWith("dotnet.jit.compilation.time", StringComparison.Ordinal) => "jit",
        _ when name.StartsWith("dotnet.monitor.lock_contentions", StringComparison.Ordinal) => "locks",
        _ when name.StartsWith("dotnet.thread_pool.queue.length", StringComparison.Ordinal) => "queue",
        _ when name.StartsWith("dotnet.process.memory.working_set", StringComparison.Ordinal) => "ws",
        _ when name.StartsWith("db.client.operation.npgsql.executing", StringComparison.Ordinal) => "executing",
        _ when name.StartsWith("db.client.operation.duration", StringComparison.Ordinal) && name.Contains("Percentile=95", StringComparison.Ordinal) => "p95",
        _ => null,
    };

    private double M(string key) => Means.GetValueOrDefault(key);

    public string[] Cells() =>
    [
        App,
        Samples.ToString(CultureInfo.InvariantCulture),
        M("cpu").ToString("0.00", CultureInfo.InvariantCulture),
        (M("alloc") / 1e6).ToString("0.0", CultureInfo.InvariantCulture),
        (100 * M("pause")).ToString("0.0", CultureInfo.InvariantCulture),
        string.Create(CultureInfo.InvariantCulture, $"{M("gen0"):0.0} / {M("gen1"):0.0} / {M("gen2"):0.00}"),
        (100 * M("jit")).ToString("0.0", CultureInfo.InvariantCulture),
        M("locks").ToString("0.0", CultureInfo.InvariantCulture),
        M("queue").ToString("0.0", CultureInfo.InvariantCulture),
        M("executing").ToString("0.0", CultureInfo.InvariantCulture),
        (1000 * M("p95")).ToString("0.0", CultureInfo.InvariantCulture),
        (M("ws") / 1048576).ToString("0", CultureInfo.InvariantCulture),
    ];
}
