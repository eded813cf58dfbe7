using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Model;

namespace Platform.AppHost;

/// <summary>
/// PostgreSQL (one database per service), RabbitMQ and Redis, declared once with the same resource names whichever
/// way they run:
/// <list type="bullet">
/// <item><b>servers</b>: servers already running (Debian's, started by <c>./platform</c>, or a council's own), given as
/// connection strings <c>ConnectionStrings:postgres</c> (an administrator, for the health check only), one per
/// database, <c>messaging</c>, <c>cache</c> and <c>Parameters:messaging-management</c>. Each shows on the dashboard
/// with a health check that talks to it.</item>
/// <item><b>containers</b>: Aspire's PostgreSQL, RabbitMQ and Redis containers, where a container runtime works.</item>
/// </list>
/// <c>Platform:Infrastructure</c> (<c>servers</c> or <c>containers</c>) chooses; unset, connection strings mean
/// servers, else a container runtime that answers means containers, else the AppHost stops at once and says what to
/// do (Aspire would otherwise wait for an unhealthy runtime for ever).
/// </summary>
/// <param name="Databases">Each database of platform.json, by name.</param>
/// <param name="Messaging">RabbitMQ.</param>
/// <param name="Cache">Redis.</param>
/// <param name="MessagingManagement">RabbitMQ's management API (the web app's operations page).</param>
internal sealed record PlatformInfrastructure(
    IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> Databases,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    ReferenceExpression MessagingManagement)
{
    /// <summary>The apps' databases, as platform.json names them.</summary>
    private static readonly string[] DatabaseNames = [.. PlatformModel.Apps.Select(a => a.Database).OfType<string>()];

    public static PlatformInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration["Platform:Infrastructure"];
        if (string.IsNullOrWhiteSpace(mode))
        {
            mode = builder.Configuration.GetConnectionString("messaging") is not null ? "servers"
                : ContainerRuntime.Answers() ? "containers"
                : throw new DistributedApplicationException(
                    "No infrastructure: no container runtime answers (docker info) and no servers were given. " +
                    "Run ./platform up, which starts Debian's PostgreSQL, RabbitMQ and Redis and hands them to the AppHost, " +
                    $"or give their connection strings (ConnectionStrings:postgres, {string.Join(", ", DatabaseNames.Select(d => $":{d}"))}, :messaging, :cache; docs/aspire.md).");
        }
        return mode.Trim().ToLowerInvariant() switch
        {
            "servers" => AddServers(builder),
            "containers" => AddContainers(builder),
            _ => throw new DistributedApplicationException($"Platform:Infrastructure is '{mode}'; expected 'servers' or 'containers'."),
        };
    }

    private static PlatformInfrastructure AddServers(IDistributedApplicationBuilder builder)
    {
        var postgres = AddServer(builder, "postgres", (checks, connectionString, key) => checks.AddNpgSql(connectionString, name: key));
        var databases = DatabaseNames.ToDictionary(name => name, name =>
            AddServer(builder, name, (checks, connectionString, key) => checks.AddNpgSql(connectionString, name: key))
                .WithParentRelationship(postgres));
        var messaging = AddServer(builder, "messaging", (checks, connectionString, key) =>
        {
            // One instance for every run of the check (a registration's factory is called on each run), so that its
            // connection is reused rather than a new one opened, and left open, every few seconds.
            var check = new RabbitMqHealthCheck(connectionString);
            checks.Add(new HealthCheckRegistration(key, _ => check, null, null));
        });
        var cache = AddServer(builder, "cache", (checks, connectionString, key) => checks.AddRedis(connectionString, name: key));
        var management = builder.AddParameter("messaging-management", secret: true);
        return new PlatformInfrastructure(
            databases, messaging, cache, ReferenceExpression.Create($"{management}"));
    }

    // A server given by its connection string, healthy when the check talks to it. A connection-string resource over
    // a secret parameter (rather than AddConnectionString(name), which is a bare parameter): it is listed among the
    // resources with its state and health, and the dashboard can match a client span's server and database to it.
    private static IResourceBuilder<IResourceWithConnectionString> AddServer(
        IDistributedApplicationBuilder builder, string name, Action<IHealthChecksBuilder, string, string> addCheck)
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new DistributedApplicationException($"ConnectionStrings:{name} is not set (Platform:Infrastructure is servers; docs/aspire.md).");
        var key = $"{name}-server";
        addCheck(builder.Services.AddHealthChecks(), connectionString, key);
        var value = builder.AddParameterFromConfiguration($"{name}-connection", $"ConnectionStrings:{name}", secret: true);
        return builder.AddConnectionString(name, ReferenceExpression.Create($"{value}")).WithHealthCheck(key);
    }

    private static PlatformInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var rabbitmq = builder.AddRabbitMQ("messaging").WithManagementPlugin();
        var cache = builder.AddRedis("cache");
        var management = rabbitmq.GetEndpoint("management");
        return new PlatformInfrastructure(
            DatabaseNames.ToDictionary(name => name, IResourceBuilder<IResourceWithConnectionString> (name) => postgres.AddDatabase(name)),
            rabbitmq, cache,
            ReferenceExpression.Create(
                $"http://{rabbitmq.Resource.UserNameReference}:{rabbitmq.Resource.PasswordParameter}@{management.Property(EndpointProperty.HostAndPort)}"));
    }

    /// <summary>RabbitMQ answers an AMQP connection (kept open between checks, as Aspire's own check does).</summary>
    private sealed class RabbitMqHealthCheck(string connectionString) : IHealthCheck, IAsyncDisposable
    {
        private RabbitMQ.Client.IConnection? _connection;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (_connection is not { IsOpen: true })
                {
                    if (_connection is not null) await _connection.DisposeAsync();
                    var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "apphost-health" };
                    _connection = await factory.CreateConnectionAsync(cancellationToken);
                }
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ does not answer", ex);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_connection is not null) await _connection.DisposeAsync();
        }
    }
}

/// <summary>Whether a container runtime answers: its client and a daemon behind it, within a few seconds.</summary>
internal static class ContainerRuntime
{
    public static bool Answers()
    {
        foreach (var runtime in new[] { "docker", "podman" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
                {
                    process.Kill(entireProcessTree: true);
                    continue;
                }
                if (process.ExitCode == 0) return true;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed.
            }
        }
        return false;
    }
}

/// <summary>An app's port: <c>Platform:Ports:&lt;app&gt;</c>, else platform.json's (<c>./platform</c>'s default too).</summary>
internal static class PlatformPorts
{
    public static int Of(IConfiguration configuration, PlatformModel.App app) =>
        configuration.GetValue<int?>($"Platform:Ports:{app.Name}") ?? app.Port;
}
