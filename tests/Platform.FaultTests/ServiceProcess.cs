using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.FaultTests;

/// <summary>
/// One service run from its Release build as a child process, as in production: the fault tests need to
/// kill -9 it, which an in-process host cannot survive. Its address stays the same across restarts.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly string _dll;
    private readonly Dictionary<string, string> _environment;
    private readonly Queue<string> _output = new();
    private Process? _process;

    public ServiceProcess(string name, string dll, Dictionary<string, string> environment)
    {
        _name = name;
        _dll = dll;
        Address = new Uri($"http://127.0.0.1:{FreePort()}");
        _environment = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OTEL_SERVICE_NAME"] = name,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the process and waits until <c>/health</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        if (!File.Exists(_dll))
        {
            throw new InvalidOperationException($"{_dll} is missing: build the solution in Release first (./platform test does).");
        }
        var start = new ProcessStartInfo(DotnetHost(), [_dll])
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing from the test run's own configuration leaks in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in _environment) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await Eventually.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited with {process.ExitCode} while starting:\n{RecentOutput()}");
            }
            return await HealthStatusAsync("/health") == HttpStatusCode.OK;
        }, timeout, $"{_name} to become healthy\n{RecentOutput()}");
    }

    /// <summary>SIGKILL: no shutdown hooks, in-flight messages are neither finished nor acknowledged.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Kubernetes or systemd stop a service; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process) return _process?.ExitCode ?? 0;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{_name} did not stop within {timeout.TotalSeconds:0}s of SIGTERM.");
        }
        return process.ExitCode;
    }

    public async Task<HttpStatusCode?> HealthStatusAsync(string path)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await Client.GetAsync(path, cts.Token);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    public string RecentOutput()
    {
        lock (_output) return string.Join('\n', _output);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Client.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 60) _output.Dequeue();
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
