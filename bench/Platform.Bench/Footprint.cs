using System.Globalization;
using Platform.ServiceDefaults.Model;

namespace Platform.Bench;

/// <summary>Section 5, from the figures ./platform bench measured itself (bench/…/footprint.tsv).</summary>
public static class Footprint
{
    /// <summary>The stack-only baseline's key in footprint.tsv (bench/StackOnlyApi).</summary>
    private const string StackOnly = "stack-only";

    public static void Write(Report report)
    {
        var figures = File.ReadAllLines(Env.Get("BENCH_FOOTPRINT"))
            .Select(l => l.Split('\t'))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => new Stat(p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()));

        report.Heading("5. Footprint");
        if (Env.Optional("BENCH_SECTIONS") is { } only && !only.Split(',').Contains("5"))
        {
            report.Line("Not run (BENCH_SECTIONS).");
            return;
        }
        var idleNote = Env.Quick ? "5 s" : "8 s";
        var minimal = figures["rss_minimal-aspnetcore"];
        report.Line(Env.Quick
            ? "Idle RSS (VmRSS) 5 s after the first `./platform up` became healthy (quick mode: no demo data, no cold or warm ups), " +
              "against `bench/MinimalApi` (one `MapGet`, default host) started the same way."
            : "Idle RSS (VmRSS) 8 s after each warm `./platform up` became healthy (after the demo data loaded on the first up), " +
              "against `bench/MinimalApi` (one `MapGet`, default host) started the same way.");
        report.Line();
        report.Table("process", "idle RSS median (min / max, n)", "baseline: minimal ASP.NET Core", "ratio", "target ≤ 2× and ≤ 150 MB");
        string[] apps = [.. PlatformModel.Apps.Select(a => a.Name)];
        bool WithinTarget(Stat rss) => rss.Median <= 2 * minimal.Median && rss.Median * 1.048576 <= 150;
        string Ratio(Stat rss) => (rss.Median / minimal.Median).ToString("0.0×", CultureInfo.InvariantCulture);
        foreach (var app in apps)
        {
            if (!figures.TryGetValue("rss_" + app, out var rss)) continue;
            report.Row(app, rss.Format("MiB", 1), minimal.Format("MiB", 1), Ratio(rss), Report.Met(WithinTarget(rss)));
        }
        figures.TryGetValue("rss_" + StackOnly, out var stack);
        if (stack is not null)
        {
            report.Row("stack only: the platform's libraries, no business code (`bench/StackOnlyApi`)", stack.Format("MiB", 1),
                minimal.Format("MiB", 1), Ratio(stack), Report.Met(WithinTarget(stack)));
        }
        report.Line();
        if (stack is not null)
        {
            // The floor under every service: if the stack alone misses the target, no change to business code can meet it.
            var mib = stack.Median.ToString("0.0", CultureInfo.InvariantCulture);
            report.Line("`bench/StackOnlyApi` is a service without its business: `AddServiceDefaults` (OpenTelemetry, health checks, problem details, " +
                        "resilient HTTP clients, service discovery), the API defaults (JWT bearer auth and the role policies, OpenAPI, JSON " +
                        "options), a `ServiceDbContext` on Npgsql with one trivial entity (migrations, outbox dispatcher, one query at start-up) " +
                        "and the MassTransit bus on RabbitMQ with one inbox consumer, started the way the minimal app is. If it alone is above " +
                        "2× the minimal app or above 150 MB, the target is not reachable with the mandated stack on this machine. " +
                        (WithinTarget(stack)
                            ? $"It is not: {mib} MiB, {Ratio(stack)} the minimal app, so the stack leaves room for the services to meet the target."
                            : $"It is: {mib} MiB, {Ratio(stack)} the minimal app, so the target is not reachable with the mandated stack on this " +
                              "machine; what a service adds above this row is its business code."));
            report.Line();
        }
        if (apps.Any(a => figures.ContainsKey("rssparts_" + a)))
        {
            report.Line("Where the idle RSS is (the last measurement, from /proc/<pid>/status): anonymous memory (the GC heap, JIT-compiled code, " +
                        "the runtime's own structures), file-backed pages (the mapped assemblies: the same pages are shared by every process " +
                        "mapping them, so the seven apps on one node pay for the framework once) and shared memory (the runtime's " +
                        "double-mapped executable memory, W^X):");
            report.Line();
            report.Table("process", "anonymous MiB", "file-backed MiB", "shared memory MiB");
            foreach (var app in apps.Append(StackOnly).Append("minimal-aspnetcore"))
            {
                if (!figures.TryGetValue("rssparts_" + app, out var parts) || parts.Values.Count != 3) continue;
                report.Row(app, Stat.F(parts.Values[0], 1), Stat.F(parts.Values[1], 1), Stat.F(parts.Values[2], 1));
            }
            report.Line();
        }
        report.Table("figure", "median (min / max, n)", "target");
        var warm = figures["warm_up"];
        report.Row("warm `./platform up` (servers running, apps stopped) → every /health 200, incl. the no-op Release build", warm.Format("s", 1),
            warm.Values.Count == 0 ? "≤ 20 s: not measured in quick mode" : "≤ 20 s: " + Report.Met(warm.Median <= 20));
        if (figures.TryGetValue("warm_up_apps", out var warmApps))
            report.Row("… of which first app started → every /health 200 (after the build)", warmApps.Format("s", 1), "(context)");
        report.Row("cold `./platform up` (servers stopped) → every /health 200", figures["cold_up"].Format("s", 1), "(context)");
        if (figures.TryGetValue("cold_up_apps", out var coldApps))
            report.Row("… of which first app started → every /health 200", coldApps.Format("s", 1), "(context)");
        if (figures.TryGetValue("first_up", out var first))
        {
            report.Row("first `./platform up` of the run (fresh data directory: initdb, provisioning, migrations; the demo loader runs after)", first.Format("s", 1), "(context)");
        }
        if (figures.TryGetValue("apphost_warm_up", out var aspire) && aspire.Values.Count > 0)
        {
            report.Line();
            report.Line("The AppHost path (docs/aspire.md) beside the lean one above: the same warm `./platform up`, the apps started by the " +
                        "Aspire AppHost from their built output, with the orchestrator (DCP), a DCP monitor per process and the dashboard; " +
                        "the orchestration's memory is every process of the AppHost's tree but the seven apps, " + idleNote + " after each up. " +
                        "PSS divides each shared page among the processes mapping it (the nine DCP monitors map one binary), so it is what the " +
                        "orchestration adds to the machine; RSS counts shared pages in every process.");
            report.Line();
            report.Table("figure", "median (min / max, n)", "beside the lean path", "target");
            report.Row("warm `./platform up` through the AppHost → every /health 200, incl. the no-op Release build", aspire.Format("s", 1),
                warm.Format("s", 1), "≤ 30 s: " + Report.Met(aspire.Median <= 30));
            if (figures.TryGetValue("apphost_warm_up_apps", out var aspireApps))
                report.Row("… of which the AppHost started → every /health 200", aspireApps.Format("s", 1),
                    figures.TryGetValue("warm_up_apps", out var leanApps) ? leanApps.Format("s", 1) : "", "(context)");
            var pss = figures["orchestration_pss"];
            report.Row("orchestration's own memory, PSS (AppHost, DCP, monitors, dashboard)", pss.Format("MiB", 0), "0 (no orchestration)",
                "≤ 1 GiB: " + Report.Met(pss.Median <= 1024));
            report.Row("orchestration's own memory, RSS (shared pages counted in each process)", figures["orchestration_rss"].Format("MiB", 0), "0", "(context)");
            if (figures.TryGetValue("apps_rss_apphost", out var appsAspire) && figures.TryGetValue("apps_rss_lean", out var appsLean))
                report.Row("the seven apps' RSS together (under the AppHost they export telemetry to the dashboard)", appsAspire.Format("MiB", 0), appsLean.Format("MiB", 0), "(context)");
        }
    }
}
