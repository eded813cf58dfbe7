using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Secrets;

/// <summary>
/// Passwords kept out of configuration. In Kubernetes each connection string comes without its password, and
/// <c>Secrets:ConnectionStringPasswords:&lt;name&gt;</c> names the secret that holds it as <c>&lt;secret&gt;/&lt;key&gt;</c>
/// (for example <c>workforce-db/password</c>). At start-up, before anything opens a connection, the password is
/// read — through the Dapr secret store <c>Secrets:Store</c> when a Dapr sidecar runs beside the process
/// (<c>DAPR_HTTP_PORT</c> or <c>DAPR_GRPC_PORT</c> set), otherwise from configuration
/// <c>SecretValues:&lt;secret&gt;:&lt;key&gt;</c> — and added to <c>ConnectionStrings:&lt;name&gt;</c>.
/// Without any <c>Secrets:ConnectionStringPasswords</c> entry (the Aspire AppHost, <c>./platform up</c>, the tests)
/// it does nothing: the connection strings already carry their passwords there.
/// </summary>
public static class SecretsExtensions
{
    public const string PasswordsSection = "Secrets:ConnectionStringPasswords";
    public const string StoreKey = "Secrets:Store";
    public const string DefaultStore = "kubernetes";

    public static TBuilder AddPlatformSecrets<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Configuration.GetSection(PasswordsSection).GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            return builder;
        }

        using var reader = CreateReader(builder.Configuration);
        var resolved = ResolveConnectionStrings(builder.Configuration, reader);
        builder.Configuration.AddInMemoryCollection(resolved);
        return builder;
    }

    /// <summary>Whether a Dapr sidecar runs beside this process (the injector sets these for the app container).</summary>
    public static bool IsDaprSidecarPresent(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["DAPR_HTTP_PORT"]) || !string.IsNullOrWhiteSpace(configuration["DAPR_GRPC_PORT"]);

    /// <summary>The Dapr secret store when a sidecar is present, configuration otherwise.</summary>
    public static ISecretReader CreateReader(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return IsDaprSidecarPresent(configuration)
            ? new DaprSecretReader(configuration[StoreKey] is { Length: > 0 } store ? store : DefaultStore)
            : new ConfigurationSecretReader(configuration);
    }

    /// <summary>
    /// The connection strings that get a password from a secret: <c>ConnectionStrings:&lt;name&gt;</c> → value with
    /// the password. A reference that the reader cannot resolve leaves its connection string as it is.
    /// </summary>
    public static Dictionary<string, string?> ResolveConnectionStrings(IConfiguration configuration, ISecretReader reader)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(reader);
        var resolved = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in configuration.GetSection(PasswordsSection).GetChildren())
        {
            if (string.IsNullOrWhiteSpace(reference.Value)) continue;
            var connectionString = configuration.GetConnectionString(reference.Key);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"{PasswordsSection}:{reference.Key} is set but ConnectionStrings:{reference.Key} is missing.");
            }
            var (secret, key) = ParseReference(reference.Key, reference.Value);
            if (reader.Read(secret, key) is { Length: > 0 } password)
            {
                resolved[$"ConnectionStrings:{reference.Key}"] = WithPassword(connectionString, password);
            }
        }
        return resolved;
    }

    /// <summary>Adds the password to a connection string of any form the platform uses: amqp URI, Npgsql, Redis.</summary>
    public static string WithPassword(string connectionString, string password)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(password);
        if (connectionString.StartsWith("amqp://", StringComparison.OrdinalIgnoreCase)
            || connectionString.StartsWith("amqps://", StringComparison.OrdinalIgnoreCase))
        {
            // amqp://user[:old]@host:port/vhost → amqp://user:<escaped password>@host:port/vhost
            var schemeEnd = connectionString.IndexOf("://", StringComparison.Ordinal) + 3;
            var authorityEnd = connectionString.IndexOf('/', schemeEnd) is var slash and >= 0 ? slash : connectionString.Length;
            var authority = connectionString[schemeEnd..authorityEnd];
            var at = authority.LastIndexOf('@');
            var user = at >= 0 ? authority[..at].Split(':', 2)[0] : "";
            var host = at >= 0 ? authority[(at + 1)..] : authority;
            return $"{connectionString[..schemeEnd]}{user}:{Uri.EscapeDataString(password)}@{host}{connectionString[authorityEnd..]}";
        }
        if (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(connectionString) { Password = password }.ConnectionString;
        }
        var redis = ConfigurationOptions.Parse(connectionString);
        redis.Password = password;
        return redis.ToString(includePassword: true);
    }

    private static (string Secret, string Key) ParseReference(string name, string reference)
    {
        var parts = reference.Split('/', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new InvalidOperationException($"{PasswordsSection}:{name} must be '<secret>/<key>'.");
        }
        return (parts[0], parts[1]);
    }
}
