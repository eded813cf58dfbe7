using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Platform.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Platform.Web.Security;

/// <summary>
/// The Data Protection key ring (it encrypts the sign-in cookie and the antiforgery tokens) in the platform's Redis,
/// under one application name: every replica of the web app reads and writes the same keys, so a cookie issued by one
/// replica is accepted by the others and survives restarts.
/// </summary>
internal static class SharedKeyRing
{
    public const string ApplicationName = "childrens-platform-web";
    public const string RedisKey = "platform-web:data-protection-keys";

    public static void AddSharedKeyRing(this WebApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer>((options, redis) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey));
    }
}
