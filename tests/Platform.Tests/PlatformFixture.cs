using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.ServiceDefaults.Security;
using Platform.Tools.TokenTool;

namespace Platform.Tests;

/// <summary>
/// Runs the real services and the gateway in this process on Kestrel (real sockets), against the real PostgreSQL,
/// RabbitMQ and Redis that <c>./platform test</c> starts. Each run gets fresh databases.
/// </summary>
public sealed partial class PlatformFixture : IAsyncLifetime, IDisposable
{
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private ServiceHost<Platform.Workforce.Apis.EstablishmentApi.PostResponse>? _workforce;
    private ServiceHost<Platform.Finance.Apis.CommitmentsApi.LineTotal>? _finance;
    private ServiceHost<Platform.Inspections.Domain.Indicator>? _inspections;
    private ServiceHost<Platform.Placements.Apis.ChildrenApi.ChildResponse>? _placements;
    private ServiceHost<Platform.Gateway.DownstreamHealthCheck>? _gateway;
    private ServiceHost<Platform.Web.Gateway.GatewayClient>? _web;

    public static string PostgresAdmin => Require("PLATFORM_TEST_POSTGRES");

    public static string RabbitMq => Require("PLATFORM_TEST_RABBITMQ");

    public static string Redis => Require("PLATFORM_TEST_REDIS");

    public string WorkforceDb => $"{new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = $"workforcedb_{_runId}" }}";

    public string FinanceDb => $"{new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = $"financedb_{_runId}" }}";

    public string InspectionsDb => $"{new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = $"inspectionsdb_{_runId}" }}";

    public string PlacementsDb => $"{new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = $"placementsdb_{_runId}" }}";

    /// <summary>The Finance service's own bus, for publishing events as if from another service.</summary>
    public MassTransit.IBus FinanceBus => _finance!.Services.GetRequiredService<MassTransit.IBus>();

    /// <summary>The gateway, as a platform-admin (subject <c>platform-tests</c>).</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public Uri GatewayAddress { get; private set; } = null!;

    /// <summary>Every log record the Placements service and the gateway write, as their configuration lets through.</summary>
    public CapturingLoggerProvider CapturedLogs { get; } = new();

    /// <summary>The running Workforce service's container: its DbContext comes with the interceptors the API saves through.</summary>
    public IServiceProvider WorkforceServices => _workforce?.Services ?? throw new InvalidOperationException("Workforce has not started.");

    private readonly Dictionary<string, Uri> _serviceAddresses = [];

    /// <summary>A service's own address, bypassing the gateway (to show it checks tokens itself).</summary>
    public Uri ServiceAddress(string service) => _serviceAddresses[service];

    /// <summary>
    /// The local signing key the gateway and the services validate tokens with: the test profile's (./platform test puts
    /// it in its secrets.env), else one made for this run.
    /// </summary>
    public static string SigningKey { get; } = Environment.GetEnvironmentVariable("PLATFORM_TEST_AUTH_SIGNING_KEY") is { Length: >= 32 } key
        ? key
        : Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A token for <paramref name="role"/> (none when null), valid for an hour, or expired an hour ago.</summary>
    public static string Token(string role, string subject = "platform-tests", bool expired = false) => expired
        ? LocalTokens.CreateExpired(SigningKey, subject, [role])
        : LocalTokens.Create(SigningKey, subject, [role], TimeSpan.FromHours(1));

    /// <summary>
    /// A gateway client (the caller disposes it) sending a token for <paramref name="role"/>, an expired one, or none
    /// when <paramref name="role"/> is null.
    /// </summary>
    public HttpClient CreateClient(string? role, string subject = "platform-tests", bool expired = false)
    {
        var client = new HttpClient { BaseAddress = GatewayAddress };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token(role, subject, expired));
        }
        return client;
    }

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync($"workforcedb_{_runId}");

        _workforce = new ServiceHost<Platform.Workforce.Apis.EstablishmentApi.PostResponse>(new()
        {
            ["ConnectionStrings:workforcedb"] = WorkforceDb,
            ["ConnectionStrings:messaging"] = RabbitMq,
            ["ConnectionStrings:cache"] = Redis,
            ["Auth:SigningKey"] = SigningKey,
        }, CapturedLogs);
        var workforceAddress = _workforce.Start();

        await CreateDatabaseAsync($"financedb_{_runId}");
        _finance = new ServiceHost<Platform.Finance.Apis.CommitmentsApi.LineTotal>(new()
        {
            ["ConnectionStrings:financedb"] = FinanceDb,
            ["ConnectionStrings:messaging"] = RabbitMq,
            ["ConnectionStrings:cache"] = Redis,
            ["Auth:SigningKey"] = SigningKey,
        });
        var financeAddress = _finance.Start();

        await CreateDatabaseAsync($"inspectionsdb_{_runId}");
        _inspections = new ServiceHost<Platform.Inspections.Domain.Indicator>(new()
        {
            ["ConnectionStrings:inspectionsdb"] = InspectionsDb,
            ["ConnectionStrings:messaging"] = RabbitMq,
            ["ConnectionStrings:cache"] = Redis,
            ["Auth:SigningKey"] = SigningKey,
        });
        var inspectionsAddress = _inspections.Start();

        await CreateDatabaseAsync($"placementsdb_{_runId}");
        _placements = new ServiceHost<Platform.Placements.Apis.ChildrenApi.ChildResponse>(new()
        {
            ["ConnectionStrings:placementsdb"] = PlacementsDb,
            ["ConnectionStrings:messaging"] = RabbitMq,
            ["ConnectionStrings:cache"] = Redis,
            ["Auth:SigningKey"] = SigningKey,
        }, CapturedLogs);
        var placementsAddress = _placements.Start();

        var ingestAddress = await StartIngestAsync();

        // The web app needs the gateway's address and the gateway the app's: the app's port is chosen first.
        var webPort = FreePort();
        _gateway = new ServiceHost<Platform.Gateway.DownstreamHealthCheck>(new()
        {
            ["services:web:http:0"] = $"http://127.0.0.1:{webPort}",
            ["services:workforce:http:0"] = workforceAddress.ToString(),
            ["services:finance:http:0"] = financeAddress.ToString(),
            ["services:inspections:http:0"] = inspectionsAddress.ToString(),
            ["services:placements:http:0"] = placementsAddress.ToString(),
            ["services:ingest:http:0"] = ingestAddress.ToString(),
            ["ConnectionStrings:cache"] = Redis,
            ["Auth:SigningKey"] = SigningKey,
            // Every test calls from 127.0.0.1 and many check 401s on purpose: the throttle of failed sign-ins is tested
            // on a gateway of its own (SecurityTests), not allowed to turn this one's 401s into 429s.
            ["Security:FailedAccess:PermitLimit"] = "100000",
        }, CapturedLogs);
        _serviceAddresses["workforce"] = workforceAddress;
        _serviceAddresses["finance"] = financeAddress;
        _serviceAddresses["inspections"] = inspectionsAddress;
        _serviceAddresses["placements"] = placementsAddress;
        _serviceAddresses["ingest"] = ingestAddress;
        GatewayAddress = _gateway.Start();
        Gateway = CreateClient(PlatformRoles.PlatformAdmin, "platform-tests");

        _web = new ServiceHost<Platform.Web.Gateway.GatewayClient>(WebSettings());
        _serviceAddresses["web"] = _web.Start(webPort);
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_web is not null) await _web.DisposeAsync();
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_ingest is not null) await _ingest.DisposeAsync();
        if (_placements is not null) await _placements.DisposeAsync();
        if (_inspections is not null) await _inspections.DisposeAsync();
        if (_finance is not null) await _finance.DisposeAsync();
        if (_workforce is not null) await _workforce.DisposeAsync();
    }

    public void Dispose()
    {
        Gateway?.Dispose();
        _web?.Dispose();
        _gateway?.Dispose();
        _ingest?.Dispose();
        _placements?.Dispose();
        _inspections?.Dispose();
        _finance?.Dispose();
        _workforce?.Dispose();
    }

    public Task<long> CountRowsAsync(string table) => CountRowsAsync(WorkforceDb, table);

    public static async Task<long> CountRowsAsync(string database, string table, string where = "true")
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = "postgres" }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException($"{variable} is not set: run the tests with ./platform test, which starts the servers.");
}

/// <summary>One service hosted on Kestrel on a free loopback port.</summary>
public sealed class ServiceHost<TEntryPoint>(Dictionary<string, string> settings, Microsoft.Extensions.Logging.ILoggerProvider? logs = null) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public Uri Start() => Start(0);

    /// <summary>Starts on <paramref name="port"/> (0: any free port).</summary>
    public Uri Start(int port)
    {
        UseKestrel(port);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As ./platform up and the AppHost run them.
        builder.UseEnvironment("Production");
        builder.UseUrls("http://127.0.0.1:0");
        if (logs is not null) builder.ConfigureLogging(logging => logging.AddProvider(logs));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformTestGroup : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

internal static class HttpExtensions
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = CreateJson();

    private static System.Text.Json.JsonSerializerOptions CreateJson()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
        return options;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
}

/// <summary>Keeps every log record (message, state values, exception) written through it.</summary>
public sealed class CapturingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _records = new();

    public IReadOnlyCollection<string> Records => _records;

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> records) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            records.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
