using System.Globalization;

namespace Platform.Bench;

/// <summary>What ./platform bench passes to the runner (BENCH_* variables).</summary>
public static class Env
{
    public static string Get(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : throw new InvalidOperationException($"{name} is not set (run ./platform bench)");

    public static string? Optional(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    public static bool Quick => Optional("BENCH_QUICK") == "1";
    public static int Reps => int.Parse(Optional("BENCH_REPS") ?? "3", CultureInfo.InvariantCulture);
    public static string Pg(string? database = null) => Get("BENCH_PG") + (database is null ? "" : $";Database={database}") + ";Timeout=30;Command Timeout=600";
    public static string Amqp => Get("BENCH_AMQP");
    public static string Url(string app) => Get($"BENCH_URL_{app.ToUpperInvariant()}");
    public static int Pid(string app) => int.Parse(Get($"BENCH_PID_{app.ToUpperInvariant()}"), CultureInfo.InvariantCulture);
    public static string Token => Get("BENCH_TOKEN");
    public static string Root => Get("BENCH_ROOT");
    public static string Work => Get("BENCH_WORK");
}
