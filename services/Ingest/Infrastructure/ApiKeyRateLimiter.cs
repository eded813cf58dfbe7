using StackExchange.Redis;

namespace Platform.Ingest.Infrastructure;

/// <summary>
/// Requests per minute per API key, counted in Redis so the limit holds however many Ingest replicas (and gateways)
/// serve the key: a fixed one-minute window per key (<c>INCR</c>, and <c>EXPIRE</c> on the window's first request, in one
/// Lua call). When Redis is unreachable requests are let through (and logged): a broken limiter must not stop ingest.
/// </summary>
public sealed partial class ApiKeyRateLimiter(IConnectionMultiplexer redis, TimeProvider clock, ILogger<ApiKeyRateLimiter> logger)
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    /// <summary>Counts one request; returns null when allowed, else the seconds until the window ends (Retry-After).</summary>
    public async Task<int?> TryAcquireAsync(string keyId, int limitPerMinute)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var window = now / 60;
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script, [$"ingest:rate:{keyId}:{window}"], [120]);
            if (count <= limitPerMinute) return null;
            return (int)Math.Max(1, ((window + 1) * 60) - now);
        }
        catch (RedisException ex)
        {
            LogRedisUnavailable(logger, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit not applied: Redis is unavailable ({Reason})")]
    private static partial void LogRedisUnavailable(ILogger logger, string reason);
}
