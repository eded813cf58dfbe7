using System.Globalization;
using Platform.ServiceDefaults.Model;

namespace Platform.Bench;

/// <summary>
/// CPU seconds (user + system) used so far by each component of the bench's platform, read from /proc: the apps,
/// the PostgreSQL server (postmaster and its backends), RabbitMQ (beam.smp), this runner, and the whole machine.
/// </summary>
public sealed record CpuSnapshot(IReadOnlyDictionary<string, double> Seconds)
{
    private static readonly string[] Apps = [.. PlatformModel.Apps.Select(a => a.Name)];
    private static readonly double Tick = 100.0; // USER_HZ on Linux

    /// <summary>bench/StackOnlyApi started for section 1's stack-only ceiling.</summary>
    public const string StackOnly = "stack-only app";

    public static CpuSnapshot Take()
    {
        var result = new Dictionary<string, double>();
        var stats = new List<(int Pid, int Ppid, double Cpu, double ExitedChildrenCpu)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var (ppid, cpu, exitedChildrenCpu) = ReadStat(pid);
                stats.Add((pid, ppid, cpu, exitedChildrenCpu));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        var byPid = stats.ToDictionary(s => s.Pid);
        foreach (var app in Apps)
        {
            if (Env.Optional($"BENCH_PID_{app.ToUpperInvariant()}") is { } p && byPid.TryGetValue(int.Parse(p, CultureInfo.InvariantCulture), out var s))
                result[app] = s.Cpu;
        }
        if (Env.Optional("BENCH_PID_STACK_PIPELINE") is { } stack && byPid.TryGetValue(int.Parse(stack, CultureInfo.InvariantCulture), out var st))
            result[StackOnly] = st.Cpu;
        // A server's CPU is its own, its live children's and its exited children's (reaped into its cutime and cstime):
        // without the last, a PostgreSQL backend that ended between two snapshots (a pool closing an idle connection)
        // took its whole life's CPU out of the difference, which came out negative in the 21:05 run.
        double ServerTree(int root) => stats.Where(s => s.Pid == root || s.Ppid == root).Sum(s => s.Cpu) +
                                       stats.Where(s => s.Pid == root).Sum(s => s.ExitedChildrenCpu);
        if (Env.Optional("BENCH_PID_POSTGRES") is { } pg && int.TryParse(pg, out var postmaster))
            result["postgresql"] = ServerTree(postmaster);
        if (Env.Optional("BENCH_PID_RABBITMQ") is { } rmq && int.TryParse(rmq, out var beam))
            result["rabbitmq"] = ServerTree(beam);
        result["bench runner"] = byPid.TryGetValue(Environment.ProcessId, out var me) ? me.Cpu : 0;

        // The whole machine (all cores) from /proc/stat: user+nice+system+irq+softirq+steal, and idle.
        var cpuLine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture) / Tick).ToArray();
        result["machine busy"] = cpuLine[0] + cpuLine[1] + cpuLine[2] + cpuLine[5] + cpuLine[6] + cpuLine[7];
        result["machine idle"] = cpuLine[3] + cpuLine[4];
        return new CpuSnapshot(result);
    }

    /// <summary>User + system CPU seconds one process has used so far.</summary>
    public static double ProcessSeconds(int pid) => ReadStat(pid).Cpu;

    /// <summary>
    /// A process's parent, its user + system CPU seconds, and those of its children that have exited and been waited
    /// for, from /proc/&lt;pid&gt;/stat.
    /// </summary>
    private static (int Ppid, double Cpu, double ExitedChildrenCpu) ReadStat(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Seconds(int field) => double.Parse(fields[field], CultureInfo.InvariantCulture) / Tick;
        // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), Seconds(11) + Seconds(12), Seconds(13) + Seconds(14));
    }

    /// <summary>CPU seconds per component between two snapshots.</summary>
    public static Dictionary<string, double> Between(CpuSnapshot before, CpuSnapshot after) =>
        after.Seconds.ToDictionary(kv => kv.Key, kv => kv.Value - before.Seconds.GetValueOrDefault(kv.Key));
}
