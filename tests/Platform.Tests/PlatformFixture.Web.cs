namespace Platform.Tests;

public sealed partial class PlatformFixture
{
    /// <summary>The web app's settings: the gateway, the broker and Redis (its shared Data Protection key ring).</summary>
    public Dictionary<string, string> WebSettings() => new()
    {
        ["Gateway:BaseAddress"] = GatewayAddress.ToString(),
        ["ConnectionStrings:messaging"] = RabbitMq,
        ["ConnectionStrings:cache"] = Redis,
        ["RabbitMq:ManagementUri"] = Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_MANAGEMENT") ?? "",
        ["Auth:SigningKey"] = SigningKey,
        ["Council:Name"] = "Stoke-on-Trent City Council",
    };
}
