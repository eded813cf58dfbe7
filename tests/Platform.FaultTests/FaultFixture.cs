using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using RabbitMQ.Client;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Platform.FaultTests;

/// <summary>
/// Workforce (producer) and Finance (consumer) as child processes on the servers <c>./platform test</c> started,
/// with their own databases and their own RabbitMQ virtual host, so nothing else in the run sees their messages.
/// </summary>
public sealed class FaultFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];

    public FaultFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        VirtualHost = $"faults-{_runId}";
        FinanceDb = DatabaseConnection($"financedb_faults_{_runId}");
        WorkforceDb = DatabaseConnection($"workforcedb_faults_{_runId}");
        var broker = new UriBuilder(Require("PLATFORM_TEST_RABBITMQ")) { Path = "/" + VirtualHost };
        Messaging = broker.Uri.ToString();
        var configuration = Configuration();
        Finance = new ServiceProcess("finance", ServiceDll("Finance"), new()
        {
            ["ConnectionStrings__financedb"] = FinanceDb,
            ["ConnectionStrings__messaging"] = Messaging,
            ["ConnectionStrings__cache"] = Require("PLATFORM_TEST_REDIS"),
            ["Auth__SigningKey"] = SigningKey,
        });
        AuthoriseAsAdmin(Finance);
        Workforce = CreateWorkforceReplica("workforce");

        string ServiceDll(string name) => Path.Combine(RepositoryRoot, "services", name, "bin", configuration, "net10.0", $"{name}.dll");
    }

    /// <summary>Another Workforce process on the same database and broker (not started).</summary>
    public ServiceProcess CreateWorkforceReplica(string name) =>
        AuthoriseAsAdmin(new(name, Path.Combine(RepositoryRoot, "services", "Workforce", "bin", Configuration(), "net10.0", "Workforce.dll"), new()
        {
            ["ConnectionStrings__workforcedb"] = WorkforceDb,
            ["ConnectionStrings__messaging"] = Messaging,
            ["ConnectionStrings__cache"] = Require("PLATFORM_TEST_REDIS"),
            ["Auth__SigningKey"] = SigningKey,
        }));

    /// <summary>The local key the services validate tokens with: the test profile's, else one made for this run.</summary>
    public static string SigningKey { get; } = Environment.GetEnvironmentVariable("PLATFORM_TEST_AUTH_SIGNING_KEY") is { Length: >= 32 } key
        ? key
        : Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The service's client calls it as a platform-admin, as the gateway would forward such a caller.</summary>
    private static ServiceProcess AuthoriseAsAdmin(ServiceProcess service)
    {
        service.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Platform.Tools.TokenTool.LocalTokens.Create(SigningKey, "fault-tests", ["platform-admin"], TimeSpan.FromHours(4)));
        return service;
    }

    public string RepositoryRoot { get; }

    public string VirtualHost { get; }

    public string Messaging { get; }

    public string FinanceDb { get; }

    public string WorkforceDb { get; }

    public ServiceProcess Finance { get; }

    public ServiceProcess Workforce { get; }

    public async Task InitializeAsync()
    {
        await CreateVirtualHostAsync();
        await CreateDatabaseAsync(new NpgsqlConnectionStringBuilder(FinanceDb).Database!);
        await CreateDatabaseAsync(new NpgsqlConnectionStringBuilder(WorkforceDb).Database!);
        // Finance first: its queues must be bound before Workforce publishes.
        await Finance.StartAsync(StartTimeout);
        await Workforce.StartAsync(StartTimeout);
    }

    public async Task DisposeAsync()
    {
        await Workforce.DisposeAsync();
        await Finance.DisposeAsync();
    }

    /// <summary>Stops or starts one test server through <c>./platform server-stop|server-start test NAME</c>.</summary>
    public Task ServerAsync(string action, string server) => PlatformAsync($"server-{action}", "test", server);

    /// <summary>Runs <c>./platform</c> with the arguments; fails with its output when it fails.</summary>
    public async Task PlatformAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "platform"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"./platform {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
        }
        if (arguments.Contains("postgres") && (arguments.Contains("server-start") || arguments.Contains("restart")))
        {
            // Connections pooled before the stop are dead; the services' own pools must cope on their own.
            NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>Brings the database and the broker back whatever a test did; safe when they already run.</summary>
    public async Task EnsureServersRunningAsync()
    {
        await ServerAsync("start", "postgres");
        await ServerAsync("start", "rabbitmq");
    }

    /// <summary>Runs a count-like query; <paramref name="parameter"/> is <c>$1</c> (arrays work with <c>= ANY($1)</c>).</summary>
    public static Task<long> ScalarAsync(string database, string sql, object? parameter = null) =>
        ScalarAsync(database, sql, parameter is null ? [] : [parameter]);

    public static Task<long> ScalarAsync(string database, string sql, object first, object second) =>
        ScalarAsync(database, sql, [first, second]);

    private static async Task<long> ScalarAsync(string database, string sql, IEnumerable<object> parameters)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A connection to this run's virtual host, for publishing raw messages and reading parked ones.</summary>
    public async Task<IConnection> ConnectBrokerAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(Messaging) };
        return await factory.CreateConnectionAsync();
    }

    private async Task CreateVirtualHostAsync()
    {
        var management = new Uri(Require("PLATFORM_TEST_RABBITMQ_MANAGEMENT"));
        var credentials = Uri.UnescapeDataString(management.UserInfo);
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        var vhost = Uri.EscapeDataString(VirtualHost);
        (await http.PutAsync($"/api/vhosts/{vhost}", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var user = Uri.EscapeDataString(credentials.Split(':', 2)[0]);
        (await http.PutAsync($"/api/permissions/{vhost}/{user}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    private static string DatabaseConnection(string database) =>
        new NpgsqlConnectionStringBuilder(Require("PLATFORM_TEST_POSTGRES")) { Database = database }.ToString();

    private static async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnection("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The services are built in the same configuration as this assembly (Release under ./platform test).</summary>
    private static string Configuration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "platform")) && Directory.Exists(Path.Combine(dir.FullName, "ServiceDefaults")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (with ./platform) was not found above the test assembly.");
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException($"{variable} is not set: run the tests with ./platform test, which starts the servers.");
}

[CollectionDefinition(Name)]
public sealed class FaultTestGroup : ICollectionFixture<FaultFixture>
{
    public const string Name = "faults";
}
