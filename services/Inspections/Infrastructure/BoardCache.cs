using System.Text.Json;
using StackExchange.Redis;

namespace Platform.Inspections.Infrastructure;

/// <summary>
/// The improvement board in Redis, keyed by the board version token and the date. Every change to the board's
/// inputs (a write or a consumed event) gives a new token in the same transaction, so a stale board is never
/// served; old entries expire.
/// </summary>
public sealed partial class BoardCache(IConnectionMultiplexer redis, ILogger<BoardCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T?> GetAsync<T>(Guid token, DateOnly asAt, DateOnly since) where T : class
    {
        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(Key(token, asAt, since));
            return cached.HasValue ? JsonSerializer.Deserialize<T>(cached.ToString(), Json) : null;
        }
        catch (RedisException ex)
        {
            LogUnavailable(logger, ex);
            return null;
        }
    }

    public async Task SetAsync<T>(Guid token, DateOnly asAt, DateOnly since, T board)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(token, asAt, since), JsonSerializer.Serialize(board, Json), Lifetime);
        }
        catch (RedisException ex)
        {
            LogUnavailable(logger, ex);
        }
    }

    private static string Key(Guid token, DateOnly asAt, DateOnly since) => $"inspections:board:{token:N}:{asAt:yyyy-MM-dd}:{since:yyyy-MM-dd}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable; the improvement board is computed without the cache")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
