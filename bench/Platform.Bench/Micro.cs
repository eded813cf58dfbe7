namespace Platform.Bench;

/// <summary>The BenchmarkDotNet tables ./platform bench produced before starting the platform (bench/Platform.Bench.Micro).</summary>
public static class Micro
{
    public static void Write(Report report)
    {
        report.Heading("Micro-benchmarks (BenchmarkDotNet)");
        var dir = Path.Combine(Env.Optional("BENCH_MICRO") ?? "", "results");
        var tables = Directory.Exists(dir) ? Directory.GetFiles(dir, "*-report-github.md") : [];
        if (Env.Quick || tables.Length == 0)
        {
            report.Line(Env.Quick ? "Not run in quick mode." : "No BenchmarkDotNet report was produced (see the bench's micro.log).");
            return;
        }
        report.Line("In-process hot paths, BenchmarkDotNet ShortRun in-process, with allocations per operation, run before the platform started: " +
                    "903 row parse + validation (valid and invalid row), integration-event JSON " +
                    "serialisation and type resolution + deserialisation (per outbox row), placement stability (a board KPI) over 1,000 children × 4 episodes.");
        report.Line();
        foreach (var table in tables)
        {
            foreach (var line in File.ReadLines(table).SkipWhile(l => !l.StartsWith('|') && !l.StartsWith("```", StringComparison.Ordinal)))
            {
                report.Line(line);
            }
            report.Line();
        }
    }
}
