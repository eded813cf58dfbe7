using System.Globalization;
using System.Runtime.InteropServices;
using Platform.Bench;

// The runner of ./platform bench: sections 1-4 against the platform ./platform bench started, section 5 from the
// figures the script measured, written to bench/results.md. See docs/benchmarks.md.
var report = new Report();
var started = DateTime.UtcNow;
var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[..3] : ["?", "?", "?"];

// Run order: the import before the queries (which seed far more data); reported in section order.
var only = Env.Optional("BENCH_SECTIONS")?.Split(',');
var sections = new List<(string Name, Func<Report, Task> Run)>
{
    ("1. Event pipeline", Pipeline.RunAsync),
    ("2. Gateway overhead", Gateway.RunAsync),
    ("4. SSDA903 import", Import.RunAsync),
    ("3. Improvement board and KPI queries", Queries.RunAsync),
};
var written = new SortedDictionary<string, Report>(StringComparer.Ordinal);
var failures = new List<string>();
foreach (var (name, run) in sections)
{
    var part = new Report();
    written[name] = part;
    if (only is not null && !only.Contains(name[..1]))
    {
        part.Heading(name);
        part.Line("Not run (BENCH_SECTIONS).");
        continue;
    }
    Log.Say("section " + name);
    try
    {
        await run(part);
    }
    catch (Exception ex)
    {
        failures.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
        part = new Report();
        written[name] = part;
        part.Heading(name);
        part.Line($"**Not measured in this run**: {ex.GetType().Name}: {ex.Message}");
        Log.Say($"section {name} failed: {ex}");
    }
}
foreach (var part in written.Values) report.Line(part.ToString().TrimEnd());
Footprint.Write(report);
Micro.Write(report);
// The hand-written reading of the last full run's figures, kept with the results.
var analysis = Path.Combine(Env.Root, "bench", "analysis.md");
if (File.Exists(analysis))
{
    report.Line();
    report.Line(File.ReadAllText(analysis).TrimEnd());
}

var loadEnd = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[..3] : ["?", "?", "?"];
var header = new Report();
header.Line("# Benchmark results");
header.Line();
header.Line($"Written by `./platform bench{(Env.Quick ? " --quick" : "")}` ({(Env.Quick ? "**quick mode: one repetition and smaller sizes; not the reference figures**" : $"{Env.Reps} repetitions of every figure, five of the gateway's")}). Method: [docs/benchmarks.md](../docs/benchmarks.md).");
header.Line();
header.Table("machine", "");
header.Row("date (UTC)", started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" – {DateTime.UtcNow:HH:mm}");
header.Row("CPU", $"{Environment.ProcessorCount} cores, {CpuModel()}");
header.Row("memory", MemTotal());
header.Row("OS / runtime", $"{RuntimeInformation.OSDescription} / {RuntimeInformation.FrameworkDescription}");
header.Row("load average (1/5/15 min) at start → end", $"{string.Join(" ", load)} → {string.Join(" ", loadEnd)}");
header.Line();
header.Line("Everything (PostgreSQL, RabbitMQ, Redis, the four services, the gateway, the load generators) shares this one host, " +
            "and machines like it are often shared with other work: absolute numbers are noisy, so every figure is compared with a baseline " +
            "measured in the same run, and the ratio is what counts.");
File.WriteAllText(Env.Get("BENCH_OUT"), header + report.ToString());
if (failures.Count > 0)
{
    Console.Error.WriteLine("Sections not measured: " + string.Join("; ", failures));
}
return 0;

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
        : "?";

static string MemTotal() =>
    File.Exists("/proc/meminfo")
        ? (long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : "?";
