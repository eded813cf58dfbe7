using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using Platform.ServiceDefaults.Model;

namespace Platform.AppHostTests;

/// <summary>
/// The whole AppHost, started once for the class as <c>./platform up</c> starts it: against running servers (the test
/// profile's, from <c>./platform test</c>), each service with a database and a login of its own made for this run,
/// every app on a free port. The dashboard is off (nothing here reads it).
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    /// <summary>The apps with a database of their own (AppHost/platform.json).</summary>
    internal static readonly PlatformModel.App[] Services = [.. PlatformModel.Apps.Where(a => a.Database is not null)];
    public static readonly string[] Apps = [.. PlatformModel.Apps.Select(a => a.Name)];
    public static readonly string[] Servers = ["postgres", "messaging", "cache", .. Services.Select(s => s.Database!)];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly string _runId = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Each service's database password, made for this run.</summary>
    public Dictionary<string, string> DatabasePasswords { get; } = [];

    public Dictionary<string, int> Ports { get; } = [];

    /// <summary>Every span the apps exported.</summary>
    public OtlpReceiver Telemetry { get; } = new();

    public static string SigningKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static string Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{name} is not set: run the tests with ./platform test, which starts the servers.");

    public async Task InitializeAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(Setting("PLATFORM_TEST_POSTGRES"));
        var args = new List<string>
        {
            "Platform:Infrastructure=servers",
            $"ConnectionStrings:postgres={admin}",
            $"ConnectionStrings:messaging={Setting("PLATFORM_TEST_RABBITMQ")}",
            $"ConnectionStrings:cache={Setting("PLATFORM_TEST_REDIS")}",
            $"Parameters:messaging-management={Setting("PLATFORM_TEST_RABBITMQ_MANAGEMENT")}",
            $"Parameters:auth-signing-key={SigningKey}",
        };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var service in Services)
            {
                // A login and a database per service, as ./platform provisions them: only the owner may connect.
                var role = $"{service.Name}_{_runId}";
                var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
                DatabasePasswords[service.Name] = password;
                foreach (var sql in new[]
                {
                    $"CREATE ROLE {role} LOGIN PASSWORD '{password}'",
                    $"CREATE DATABASE {role} OWNER {role}",
                    $"REVOKE ALL ON DATABASE {role} FROM PUBLIC",
                })
                {
                    await using var command = new NpgsqlCommand(sql, connection);
                    await command.ExecuteNonQueryAsync();
                }
                var database = new NpgsqlConnectionStringBuilder { Host = admin.Host, Port = admin.Port, Database = role, Username = role, Password = password };
                args.Add($"ConnectionStrings:{service.Database}={database}");
            }
        }
        foreach (var app in Apps)
        {
            Ports[app] = FreePort();
            args.Add($"Platform:Ports:{app}={Ports[app]}");
        }

        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. args], (options, _) => options.DisableDashboard = true, timeout.Token);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            // The apps export to this test's receiver instead of the dashboard, quickly.
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Telemetry.Port}";
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                context.EnvironmentVariables["OTEL_BSP_SCHEDULE_DELAY"] = "500";
            }));
        }
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        foreach (var resource in Apps.Concat(Servers))
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await Telemetry.DisposeAsync();
        // The databases stay with the test profile's server, which ./platform test wipes after the run.
    }

    /// <summary>A client of the gateway (the caller disposes it), as platform-admin.</summary>
    public HttpClient Gateway(bool signedIn = true)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{Ports["gateway"]}") };
        if (signedIn)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                Platform.Tools.TokenTool.LocalTokens.Create(SigningKey, "apphost-tests", ["platform-admin"], TimeSpan.FromMinutes(30)));
        }
        return client;
    }

    /// <summary>Waits until no span has arrived for <paramref name="quiet"/> (at most two minutes).</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var count = Telemetry.Spans.Count;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - since < quiet)
        {
            await Task.Delay(500);
            if (Telemetry.Spans.Count != count) (count, since) = (Telemetry.Spans.Count, DateTime.UtcNow);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
