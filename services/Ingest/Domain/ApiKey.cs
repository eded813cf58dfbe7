using System.Security.Cryptography;
using System.Text;
using Platform.ServiceDefaults.Domain;

namespace Platform.Ingest.Domain;

/// <summary>
/// A departmental system's registration: the one sender of a CloudEvents source (while not revoked, no other key holds
/// that source), allowed the listed event types over HTTP with its API key and, when <see cref="BrokerUser"/> is set,
/// over AMQP as that RabbitMQ user. The key string is <c>ik_{id}_{secret}</c>; only the SHA-256 of the 256-bit random
/// secret is stored, so the key is shown once (at creation or rotation) and a leaked database holds no usable key.
/// </summary>
public sealed class ApiKey
{
    public const string Prefix = "ik";
    public const int MaxRateLimitPerMinute = 100_000;
    public const int MaxBrokerUserLength = 100;
    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    private ApiKey() { }

    /// <summary>Issues a new key; returns it and the full key string, which is never stored.</summary>
    public static (ApiKey Key, string Secret) Issue(string name, string source, IEnumerable<string> eventTypes, int rateLimitPerMinute, string? brokerUser,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        var types = eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (types.Count == 0) throw DomainRuleException.ForField("eventTypes", "A key needs at least one event type.");
        if (rateLimitPerMinute is < 1 or > MaxRateLimitPerMinute)
        {
            throw DomainRuleException.ForField("rateLimitPerMinute", $"Must be between 1 and {MaxRateLimitPerMinute}.");
        }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
        var key = new ApiKey
        {
            Id = id,
            Name = name,
            Source = source,
            EventTypes = types,
            SecretHash = Hash(secret),
            RateLimitPerMinute = rateLimitPerMinute,
            BrokerUser = brokerUser,
            CreatedAt = now,
        };
        return (key, $"{Prefix}_{id}_{secret}");
    }

    /// <summary>The public part of the key string; looked up by it.</summary>
    public string Id { get; private set; } = "";

    /// <summary>What the key is for, e.g. "HR system (payroll export)".</summary>
    public string Name { get; private set; } = "";

    /// <summary>The CloudEvents <c>source</c> every event sent with this key must carry.</summary>
    public string Source { get; private set; } = "";

    public List<string> EventTypes { get; private set; } = [];

    /// <summary>SHA-256 of the secret, lower-case hex.</summary>
    public string SecretHash { get; private set; } = "";

    public int RateLimitPerMinute { get; private set; }

    /// <summary>The RabbitMQ user that may send this source's events over AMQP (RabbitMQ validates the <c>user_id</c> property), or null.</summary>
    public string? BrokerUser { get; private set; }

    /// <summary>How the owning services' audit names this sender: <c>key:&lt;id&gt;</c> over HTTP, <c>amqp:&lt;user&gt;</c> over AMQP.</summary>
    public string SenderOverHttp => $"key:{Id}";

    public string SenderOverAmqp => $"amqp:{BrokerUser}";

    public DateTimeOffset? RotatedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public bool Allows(string source, string type) => string.Equals(source, Source, StringComparison.Ordinal) && EventTypes.Contains(type);

    /// <summary>True when <paramref name="secret"/> is this key's secret (constant-time comparison).</summary>
    public bool HasSecret(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    /// <summary>Replaces the secret (the old key string stops working at once); returns the new key string.</summary>
    public string Rotate(DateTimeOffset now)
    {
        if (RevokedAt is not null) throw DomainRuleException.Conflict($"The key was revoked at {RevokedAt:u}; create a new one.");
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
        SecretHash = Hash(secret);
        RotatedAt = now;
        return $"{Prefix}_{Id}_{secret}";
    }

    /// <summary>A RabbitMQ user name as RabbitMQ accepts it and an operator would type it.</summary>
    public static bool IsValidBrokerUser(string user) =>
        user.Length is >= 1 and <= MaxBrokerUserLength && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) throw DomainRuleException.Conflict($"The key was already revoked at {RevokedAt:u}.");
        RevokedAt = now;
    }

    /// <summary>Splits a presented key string into id and secret; false when it is not shaped like a key.</summary>
    public static bool TryParse(string? presented, out string id, out string secret)
    {
        id = secret = "";
        var parts = presented?.Trim().Split('_');
        if (parts is not [Prefix, { Length: IdBytes * 2 } keyId, { Length: SecretBytes * 2 } keySecret]
            || !keyId.All(char.IsAsciiHexDigitLower) || !keySecret.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }
        (id, secret) = (keyId, keySecret);
        return true;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
}
