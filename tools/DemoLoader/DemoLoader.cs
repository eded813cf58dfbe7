using System.Text.Json;
using Platform.Tools.DemoLoader.Steps;

namespace Platform.Tools.DemoLoader;

/// <summary>How the demo is loaded: where progress goes and how many requests run at once.</summary>
public sealed class DemoLoaderOptions
{
    /// <summary>Progress lines (Console.Out when null).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>
    /// At most this many independent jobs at a time (the APIs are concurrent; one worker's or one child's changes stay
    /// in order by running in one job).
    /// </summary>
    public int Jobs { get; init; } = 4;
}

/// <summary>
/// The demo data of <c>./platform up</c>: the Stoke-on-Trent 2019 story, entered through the gateway's public APIs
/// exactly as departmental systems would. Finance budgets first, then the workforce and placements events that move
/// them, then the inspection timeline, then Finance's period 6. It runs once per data directory: if the demo's first
/// team already exists it does nothing.
/// </summary>
public static class DemoLoader
{
    /// <summary>The steps in order; each mirrors one of the former eng/demo scripts.</summary>
    internal static IReadOnlyList<IDemoStep> Steps { get; } =
        [new FinanceBudgetsStep(), new WorkforceStep(), new PlacementsStep(), new InspectionsStep(), new FinanceClosingStep()];

    public static Task<bool> RunAsync(Uri gateway, string token, CancellationToken cancellationToken) =>
        RunAsync(gateway, token, new DemoLoaderOptions(), cancellationToken);

    /// <summary>Loads the demo; answers false when it was already loaded (nothing is done then).</summary>
    public static async Task<bool> RunAsync(Uri gateway, string token, DemoLoaderOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var api = new ApiClient(gateway, token);
        var demo = new DemoContext(api, options.Output ?? Console.Out, Math.Max(1, options.Jobs));
        if (await IsLoadedAsync(api, cancellationToken).ConfigureAwait(false))
        {
            await demo.SayAsync("demo data already loaded").ConfigureAwait(false);
            return false;
        }
        foreach (var step in Steps)
        {
            await demo.SayAsync($"== {step.Name}").ConfigureAwait(false);
            await step.RunAsync(demo, cancellationToken).ConfigureAwait(false);
        }
        await demo.SayAsync($"demo loaded: try {api.Gateway}/api/inspections/board?asAt=2019-11-01 and {api.Gateway}/api/workforce/kpis?asAt=2020-03-31")
            .ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> IsLoadedAsync(ApiClient api, CancellationToken cancellationToken)
    {
        var teams = await api.GetAsync("/api/workforce/teams?pageSize=200", cancellationToken).ConfigureAwait(false);
        return teams.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array &&
               items.EnumerateArray().Any(t => t.TryGetProperty("code", out var code) && code.GetString() == "CIC-1");
    }
}

/// <summary>What every step uses: the API, the progress output and the bounded parallelism.</summary>
internal sealed class DemoContext(ApiClient api, TextWriter output, int jobs)
{
    private readonly Lock _outputLock = new();

    public ApiClient Api { get; } = api;

    /// <summary>The gateway's address as progress lines print it.</summary>
    public string Gateway => Api.Gateway;

    /// <summary>Prints a progress line (whole lines, whichever job prints).</summary>
    public Task SayAsync(string line)
    {
        lock (_outputLock)
        {
            output.WriteLine(line);
            output.Flush();
        }
        return Task.CompletedTask;
    }

    /// <summary>Runs one job per item, at most <c>jobs</c> at a time; fails if any job fails.</summary>
    public Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> job, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken }, job);
}
