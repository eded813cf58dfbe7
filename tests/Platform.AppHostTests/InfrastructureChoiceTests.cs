using System.Diagnostics;
using System.Reflection;

namespace Platform.AppHostTests;

public sealed class InfrastructureChoiceTests
{
    [Fact]
    public async Task Without_servers_or_a_container_runtime_the_AppHost_stops_at_once_and_says_what_to_do()
    {
        // Aspire alone waits for ever on a docker client whose daemon is missing, every app "Waiting". Here the
        // runtime is made unreachable whatever the machine has, and no server is given.
        var configuration = typeof(InfrastructureChoiceTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var appHost = Path.Combine(Projects.AppHost.ProjectPath, "bin", configuration, "net10.0", "AppHost.dll");
        var start = new ProcessStartInfo("dotnet", [appHost])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(appHost)!,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME");
        start.Environment["DOCKER_HOST"] = "unix:///nonexistent/docker.sock";
        start.Environment["CONTAINER_HOST"] = "unix:///nonexistent/podman.sock";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the AppHost was still running after 90 s without any infrastructure");
        }

        var said = await output + await error;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("No infrastructure", said, StringComparison.Ordinal);
        Assert.Contains("./platform up", said, StringComparison.Ordinal);
    }
}
