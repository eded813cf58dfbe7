using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Bench;

/// <summary>
/// Section 2: a read endpoint of Workforce through our gateway, through a bare YARP proxy with the same route, and
/// directly; wrk with the same threads, connections and duration, interleaved in each repetition.
/// </summary>
public static partial class Gateway
{
    private const string ReadPath = "/teams?pageSize=5";
    private const int Connections = 64;
    // The paced load: few connections, each waiting a fixed time before its next request, so the proxies run well below
    // saturation and a p99 measures the time a request takes through them rather than the queue in front of two shared cores.
    private const int PacedConnections = 8;
    private const int PacedDelayMs = 15;
    private const string BareName = "bare YARP proxy";
    private const string GatewayName = "our gateway";
    private const string BareAgain = "bare YARP proxy, measured again";
    private const string StackName = "the proxy on the platform's stack only";

    public sealed record WrkResult(double Rps, double P50Ms, double P99Ms, long Non2xx);

    public static async Task RunAsync(Report report)
    {
        // Five repetitions (not the run's three): a p99 over 10 s moves by several milliseconds between repetitions here.
        var reps = Env.Quick ? Env.Reps : Math.Max(Env.Reps, 5);
        var seconds = Env.Quick ? 3 : 10;
        var proxyPort = int.Parse(Env.Get("BENCH_PROXY_PORT"), CultureInfo.InvariantCulture);
        var proxyUrl = $"http://127.0.0.1:{proxyPort}";
        using var proxy = StartBareProxy(proxyPort, stack: false);
        // The ceiling experiment: the same proxy with what the platform mandates (ServiceDefaults, JWT and the role
        // policy on every request) and nothing of the gateway's own (bench/BareProxy/StackOnly.cs).
        var stackUrl = $"http://127.0.0.1:{proxyPort + 1}";
        using var stackProxy = StartBareProxy(proxyPort + 1, stack: true);
        try
        {
            await WaitUpAsync(proxyUrl + "/api/workforce" + ReadPath);
            await WaitUpAsync(stackUrl + "/api/workforce" + ReadPath);
            var targets = new (string Name, string Url)[]
            {
                ("direct to the service", Env.Url("workforce") + ReadPath),
                (BareName, proxyUrl + "/api/workforce" + ReadPath),
                (GatewayName, Env.Url("gateway") + "/api/workforce" + ReadPath),
                (StackName, stackUrl + "/api/workforce" + ReadPath),
                // The same bare proxy again, last in each repetition: an A/A comparison, the smallest p99 difference
                // these measurements can tell from noise on this machine.
                (BareAgain, proxyUrl + "/api/workforce" + ReadPath),
            };
            // Warm-up, untimed: the JIT's tiers and the connection pools. The gateway runs more code per request than the bare
            // proxy (authentication, policies, telemetry), which reaches its optimised tier later: after 2 s its p99 was still
            // three times the bare proxy's, after about 30 s of load within a millisecond or two of it.
            var warmUp = Env.Quick ? 2 : 30;
            foreach (var (_, url) in targets) await Wrk(url, warmUp);
            var results = targets.ToDictionary(t => t.Name, _ => new List<WrkResult>());
            // The proxy's own CPU per request (its process's user + system time over the run, from /proc): what the gateway
            // does per request beyond the bare proxy, steadier than a p99 on shared cores.
            var proxyPids = new Dictionary<string, int>
            {
                [BareName] = proxy.Id, [BareAgain] = proxy.Id, [GatewayName] = Env.Pid("gateway"), [StackName] = stackProxy.Id,
            };
            var cpuPerRequest = targets.ToDictionary(t => t.Name, _ => new List<double>());
            for (var rep = 1; rep <= reps; rep++)
            {
                Log.Say($"gateway rep {rep}/{reps}");
                foreach (var (name, url) in targets)
                {
                    var measured = proxyPids.TryGetValue(name, out var pid);
                    var cpuBefore = measured ? CpuSnapshot.ProcessSeconds(pid) : 0;
                    var result = await Wrk(url, seconds);
                    results[name].Add(result);
                    if (measured && result.Rps > 0) cpuPerRequest[name].Add(1000 * (CpuSnapshot.ProcessSeconds(pid) - cpuBefore) / (result.Rps * seconds));
                }
            }

            // The same targets (but the direct one) at a paced, moderate load, alternating within each repetition too.
            var pacedTargets = targets.Where(t => t.Name != "direct to the service").ToArray();
            var paced = pacedTargets.ToDictionary(t => t.Name, _ => new List<WrkResult>());
            foreach (var (_, url) in pacedTargets) await Wrk(url, Env.Quick ? 1 : 5, paced: true);
            for (var rep = 1; rep <= reps; rep++)
            {
                Log.Say($"gateway paced rep {rep}/{reps}");
                foreach (var (name, url) in pacedTargets) paced[name].Add(await Wrk(url, seconds, paced: true));
            }

            // Not in --quick: one more run through our gateway with dotnet-counters attached to it and the service.
            List<CounterSummary>? counters = null;
            if (!Env.Quick)
            {
                var session = DotnetCounters.Start(["gateway", "workforce"], "gateway", TimeSpan.FromSeconds(seconds + 8));
                await DotnetCounters.WarmUpAsync();
                var from = DateTime.UtcNow;
                await Wrk(targets[2].Url, seconds);
                counters = await session.WaitAsync(from, DateTime.UtcNow);
            }

            Stat Rps(string n) => new(results[n].Select(r => r.Rps).ToArray());
            Stat P50(string n) => new(results[n].Select(r => r.P50Ms).ToArray());
            Stat P99(string n) => new(results[n].Select(r => r.P99Ms).ToArray());
            var gw = GatewayName;
            var bare = BareName;
            var direct = "direct to the service";

            report.Heading("2. Gateway overhead");
            report.Line($"`GET /api/workforce{ReadPath}` (the first page of five teams, read from PostgreSQL) with a platform-admin bearer token; wrk 2 threads, " +
                        $"{Connections} connections, {seconds} s per measurement after a {warmUp} s warm-up of each target (the JIT's optimised code, the connection pools); the targets alternate within each repetition, the bare proxy measured a second time last (an A/A comparison). " +
                        "Our gateway validates the JWT and its role policy, records OpenTelemetry traces and metrics and forwards through YARP; " +
                        "the bare proxy (`bench/BareProxy`) has only YARP with the same route and transform, Warning-level logging. " +
                        "The ceiling experiment is the same proxy on the platform's mandated stack (`BENCH_STACK=1`, bench/BareProxy/StackOnly.cs: " +
                        "`AddServiceDefaults` with its OpenTelemetry traces and metrics, `AddPlatformSecurity` validating the JWT on every request, the " +
                        "route under the read role policy) and none of the gateway's own code (token cache, throttle, size guard, headers). " +
                        "The service validates the token itself in all three cases. The gateway has no rate limiter configured, so none is measured. " +
                        "wrk, the proxy, the service and PostgreSQL share the two cores, so proxied-vs-direct mostly measures CPU sharing.");
            report.Line();
            report.Table("target", "requests/s", "p50 ms", "p99 ms", "non-2xx", "proxy's CPU ms per request");
            foreach (var n in new[] { direct, bare, gw, StackName, BareAgain })
            {
                report.Row(n, Rps(n).Format("req/s"), P50(n).Format("ms", 2), P99(n).Format("ms", 2), results[n].Sum(r => r.Non2xx).ToString(CultureInfo.InvariantCulture),
                    cpuPerRequest[n].Count == 0 ? "–" : new Stat(cpuPerRequest[n]).Format("ms", 3));
            }
            report.Line();
            report.Table("figure", "value", "target");
            var ratio = Rps(gw).Median / Rps(bare).Median;
            var added = P99(gw).Median - P99(bare).Median;
            report.Row("gateway throughput / bare proxy", ratio.ToString("P0", CultureInfo.InvariantCulture), "≥ 80 %: " + Report.Met(ratio >= 0.8));
            report.Row($"gateway p99 − bare proxy p99, saturated ({Connections} connections)", added.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
                "(context: the target is judged at the paced load below)");
            var stackAdded = P99(StackName).Median - P99(bare).Median;
            report.Row("ceiling experiment: the proxy on the platform's stack only, p99 − bare proxy p99",
                stackAdded.ToString("0.00", CultureInfo.InvariantCulture) + " ms (throughput " + Report.Ratio(Rps(StackName).Median, Rps(bare).Median) +
                " of the bare proxy's; CPU per request " + (new Stat(cpuPerRequest[StackName]).Median - new Stat(cpuPerRequest[bare]).Median).ToString("0.000", CultureInfo.InvariantCulture) +
                " ms more)", stackAdded > 2 ? "above 2 ms: the mandated stack alone misses the target in this run" : "(within 2 ms)");
            report.Row("bare proxy throughput / direct (context)", Report.Ratio(Rps(bare).Median, Rps(direct).Median), "");
            var extraCpu = new Stat(cpuPerRequest[gw]).Median - new Stat(cpuPerRequest[bare]).Median;
            report.Row("gateway CPU per request − bare proxy's (what the gateway does beyond the proxy)",
                $"{extraCpu.ToString("0.000", CultureInfo.InvariantCulture)} ms ({Report.Ratio(extraCpu, new Stat(cpuPerRequest[bare]).Median)} more)", "(context)");
            var noise = Math.Abs(P99(BareAgain).Median - P99(bare).Median);
            var perRep = Enumerable.Range(0, reps).Select(i => results[BareAgain][i].P99Ms - results[bare][i].P99Ms).ToArray();
            report.Row("A/A: the bare proxy's p99 measured again − its p99 (the same proxy, the same repetitions)",
                $"{noise:0.00} ms (each repetition: {string.Join(", ", perRep.Select(d => d.ToString("+0.0;−0.0", CultureInfo.InvariantCulture)))} ms)", "(the resolution)");
            report.Line();
            report.Line(noise > 2
                ? $"The same bare proxy differs from itself by {noise:0.00} ms of p99 between two measurements of one run: a 2 ms difference is below what " +
                  "this method resolves on this machine, so the p99 target can be neither met nor missed here; the gateway's difference to the bare " +
                  $"proxy, {added:0.00} ms, is " + (Math.Abs(added) <= noise ? "within" : "beyond") + " that noise."
                : $"The same bare proxy differs from itself by {noise:0.00} ms of p99 between two measurements of one run" +
                  (perRep.Max(Math.Abs) is var worst && worst > 2
                      ? $", but by up to {worst:0.0} ms in a single repetition: a difference of a few milliseconds between two medians of " +
                        $"{reps} is within this machine's noise, so the proxies' CPU per request is the steadier comparison."
                      : ", so the method resolves the 2 ms target."));
            WritePaced(report, paced, reps, seconds);
            if (counters is not null)
            {
                report.Line();
                DotnetCounters.Write(report, "an extra run of wrk through our gateway", counters);
            }
        }
        finally
        {
            if (!proxy.HasExited) proxy.Kill(entireProcessTree: true);
            if (!stackProxy.HasExited) stackProxy.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// The p99 target at the paced load: the gateway against the bare proxy, with the bare proxy's A/A difference as the
    /// resolution. The saturated table above keeps the throughput target.
    /// </summary>
    private static void WritePaced(Report report, Dictionary<string, List<WrkResult>> paced, int reps, int seconds)
    {
        Stat Rps(string n) => new(paced[n].Select(r => r.Rps).ToArray());
        Stat P50(string n) => new(paced[n].Select(r => r.P50Ms).ToArray());
        Stat P99(string n) => new(paced[n].Select(r => r.P99Ms).ToArray());
        report.Line();
        report.Line($"**At a paced load** (the p99 target): the same targets but the direct one, wrk 2 threads, {PacedConnections} connections, each " +
                    $"waiting {PacedDelayMs} ms after a response before its next request (wrk's `delay()`), {seconds} s per measurement after a short " +
                    $"warm-up, alternating within each of {reps} repetitions. At saturation (above) a p99 is mostly the queue in front of two " +
                    "cores shared with wrk, the service and PostgreSQL, and moved by tens of milliseconds between two measurements of the same proxy; " +
                    "well below saturation it is the time a request takes through the proxy.");
        report.Line();
        report.Table("target", "requests/s", "p50 ms", "p99 ms", "non-2xx");
        foreach (var n in paced.Keys)
        {
            report.Row(n, Rps(n).Format("req/s"), P50(n).Format("ms", 2), P99(n).Format("ms", 2),
                paced[n].Sum(r => r.Non2xx).ToString(CultureInfo.InvariantCulture));
        }
        var added = P99(GatewayName).Median - P99(BareName).Median;
        var stackAdded = P99(StackName).Median - P99(BareName).Median;
        var noise = Math.Abs(P99(BareAgain).Median - P99(BareName).Median);
        var perRep = Enumerable.Range(0, reps).Select(i => paced[BareAgain][i].P99Ms - paced[BareName][i].P99Ms).ToArray();
        report.Line();
        report.Table("figure", "value", "target");
        report.Row("gateway p99 − bare proxy p99, paced", added.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
            noise > 2 ? "≤ 2 ms: not resolved (the A/A difference below is larger)" : "≤ 2 ms: " + Report.Met(added <= 2));
        report.Row("ceiling experiment: the proxy on the platform's stack only, p99 − bare proxy p99, paced",
            stackAdded.ToString("0.00", CultureInfo.InvariantCulture) + " ms", stackAdded > 2 ? "above 2 ms: the mandated stack alone misses the target" : "(within 2 ms)");
        report.Row("A/A: the bare proxy's p99 measured again − its p99, paced",
            $"{noise:0.00} ms (each repetition: {string.Join(", ", perRep.Select(d => d.ToString("+0.0;−0.0", CultureInfo.InvariantCulture)))} ms)", "(the resolution)");
        report.Line();
        report.Line(noise > 2
            ? $"Even paced, the same bare proxy differs from itself by {noise:0.00} ms of p99: the 2 ms target is below what this method resolves in this run."
            : $"Paced, the same bare proxy differs from itself by {noise:0.00} ms of p99 between two measurements of one run, so the method resolves the 2 ms target: " +
              $"the gateway adds {added:0.00} ms, " + (added <= 2 ? "within" : "beyond") + " it.");
    }

    private static Process StartBareProxy(int port, bool stack)
    {
        var dll = Path.Combine(Env.Root, "bench/BareProxy/bin/Release/net10.0/BareProxy.dll");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["BENCH_UPSTREAM"] = Env.Url("workforce");
        info.Environment["BENCH_SERVICE"] = "workforce";
        if (stack)
        {
            // The services' token settings as ./platform gives them (the key; issuer and audience at their defaults) and no
            // OTLP endpoint, as on the bench's lean path: the gateway's spans are made and not exported there either.
            info.Environment["BENCH_STACK"] = "1";
            info.Environment["Auth__SigningKey"] = Env.Get("BENCH_SIGNING_KEY");
            info.Environment["OTEL_SERVICE_NAME"] = "stack-only-proxy";
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUpAsync(string url)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Env.Token);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
                if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new InvalidOperationException($"{url} answers {(int)response.StatusCode}");
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"{url} did not answer within 60 s");
    }

    public static async Task<WrkResult> Wrk(string url, int seconds, bool paced = false)
    {
        List<string> arguments = ["-t2", $"-c{(paced ? PacedConnections : Connections)}", $"-d{seconds}s", "--latency", "-H", $"Authorization: Bearer {Env.Token}"];
        if (paced) arguments.AddRange(["-s", PacingScript()]);
        arguments.Add(url);
        var info = new ProcessStartInfo("wrk", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var rps = RpsLine().Match(output);
        if (!rps.Success) throw new InvalidOperationException("wrk printed no Requests/sec: " + output);
        var non2xx = Non2xxLine().Match(output);
        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"),
            Percentile(output, "99%"),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>wrk's Lua hook: the milliseconds each connection waits before its next request.</summary>
    private static string PacingScript()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-wrk-paced-{PacedDelayMs}ms.lua");
        File.WriteAllText(path, $"function delay()\n  return {PacedDelayMs}\nend\n");
        return path;
    }

    private static double Percentile(string output, string label)
    {
        var m = Regex.Match(output, @"^\s*" + Regex.Escape(label) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success) return double.NaN;
        var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => v / 1000, "s" => v * 1000, _ => v };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();
}
