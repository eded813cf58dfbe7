using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Secrets;

namespace Platform.K8sTests;

/// <summary>
/// ServiceDefaults/Secrets as the Kubernetes manifests use it: a connection string from the ConfigMap, its password
/// from a secret, and nothing at all where no secret is referenced (the AppHost, ./platform up, the tests).
/// </summary>
public sealed class K8sSecretsModuleTests
{
    private sealed class FakeStore(Dictionary<string, Dictionary<string, string>> secrets) : ISecretReader
    {
        public List<string> Reads { get; } = [];

        public string? Read(string secretName, string key)
        {
            Reads.Add($"{secretName}/{key}");
            return secrets.TryGetValue(secretName, out var values) && values.TryGetValue(key, out var value) ? value : null;
        }

        public void Dispose()
        {
        }
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_secret_references_the_configuration_is_left_exactly_as_it_was()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        const string local = "Host=127.0.0.1;Port=5432;Database=workforcedb;Username=workforce;Password=local";
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:workforcedb", local), new("DAPR_HTTP_PORT", "3500")]);
        var sources = builder.Configuration.Sources.Count;

        builder.AddPlatformSecrets();

        Assert.Equal(sources, builder.Configuration.Sources.Count);
        Assert.Equal(local, builder.Configuration.GetConnectionString("workforcedb"));
    }

    [Fact]
    public void Each_referenced_password_is_added_to_its_connection_string_in_the_form_the_service_reads()
    {
        var configuration = Configuration(
            ("ConnectionStrings:workforcedb", "Host=postgres;Port=5432;Database=workforcedb;Username=workforce"),
            ("ConnectionStrings:messaging", "amqp://platform@rabbitmq:5672"),
            ("ConnectionStrings:cache", "redis:6379"),
            ("Secrets:ConnectionStringPasswords:workforcedb", "workforce-db/password"),
            ("Secrets:ConnectionStringPasswords:messaging", "messaging/password"),
            ("Secrets:ConnectionStringPasswords:cache", "cache/password"));
        using var store = new FakeStore(new()
        {
            ["workforce-db"] = new() { ["password"] = "db;pass word" },
            ["messaging"] = new() { ["password"] = "p@ss:w/rd" },
            ["cache"] = new() { ["password"] = "r3dis" },
        });

        var resolved = SecretsExtensions.ResolveConnectionStrings(configuration, store);

        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(resolved["ConnectionStrings:workforcedb"]);
        Assert.Equal("db;pass word", npgsql.Password);
        Assert.Equal("workforce", npgsql.Username);
        Assert.Equal("postgres", npgsql.Host);

        var broker = new Uri(resolved["ConnectionStrings:messaging"]!);
        // The way MessagingExtensions reads the credentials back.
        Assert.Equal(["platform", "p@ss:w/rd"], Uri.UnescapeDataString(broker.UserInfo).Split(':', 2));
        Assert.Equal("rabbitmq", broker.Host);
        Assert.Equal(5672, broker.Port);

        var redis = StackExchange.Redis.ConfigurationOptions.Parse(resolved["ConnectionStrings:cache"]!);
        Assert.Equal("r3dis", redis.Password);
        Assert.Equal(["cache/password", "messaging/password", "workforce-db/password"], store.Reads.Order());
    }

    [Fact]
    public void Without_a_sidecar_passwords_fall_back_to_configuration()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
        [
            new("ConnectionStrings:cache", "redis:6379"),
            new("Secrets:ConnectionStringPasswords:cache", "cache/password"),
            new("SecretValues:cache:password", "from-configuration"),
        ]);

        builder.AddPlatformSecrets();

        Assert.Equal("from-configuration", StackExchange.Redis.ConfigurationOptions.Parse(builder.Configuration.GetConnectionString("cache")!).Password);
    }

    [Fact]
    public void A_Dapr_sidecar_beside_the_process_makes_the_Dapr_secret_store_the_source()
    {
        using var withSidecar = SecretsExtensions.CreateReader(Configuration(("DAPR_HTTP_PORT", "3500"), ("Secrets:Store", "platform-secrets")));
        using var without = SecretsExtensions.CreateReader(Configuration());

        Assert.Equal("platform-secrets", Assert.IsType<DaprSecretReader>(withSidecar).Store);
        Assert.IsType<ConfigurationSecretReader>(without);
    }

    [Fact]
    public void An_unreachable_sidecar_stops_start_up_naming_the_secret()
    {
        // Nothing listens on this port: the sidecar never becomes ready within the timeout.
        var client = new Dapr.Client.DaprClientBuilder().UseHttpEndpoint("http://127.0.0.1:9").UseGrpcEndpoint("http://127.0.0.1:9").Build();
        using var reader = new DaprSecretReader("platform-secrets", client, TimeSpan.FromSeconds(1));

        var error = Assert.Throws<InvalidOperationException>(() => reader.Read("workforce-db", "password"));
        Assert.Contains("workforce-db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_to_a_missing_connection_string_is_a_configuration_error()
    {
        var configuration = Configuration(("Secrets:ConnectionStringPasswords:financedb", "finance-db/password"));
        using var store = new FakeStore([]);

        Assert.Throws<InvalidOperationException>(() => SecretsExtensions.ResolveConnectionStrings(configuration, store));
    }
}
