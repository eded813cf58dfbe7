using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.Tests;
using Platform.Tools.DemoLoader;

namespace Platform.StoryTests;

/// <summary>
/// The whole platform in process (as <see cref="PlatformFixture"/> runs it) with the demo's Stoke-on-Trent 2019 story
/// loaded by <c>tools/DemoLoader</c> (called in process) through the gateway, exactly as <c>./platform up</c> loads it. It
/// has its own databases, its own RabbitMQ virtual host and its own Redis database, so nothing another test project left
/// behind reaches it.
/// </summary>
public sealed class DemoStoryFixture : IAsyncLifetime
{
    private readonly string _virtualHost = $"story-{Guid.NewGuid().ToString("N")[..8]}";

    public PlatformFixture Platform { get; } = new();

    public async Task InitializeAsync()
    {
        await CreateVirtualHostAsync();
        Environment.SetEnvironmentVariable("PLATFORM_TEST_RABBITMQ", $"{PlatformFixture.RabbitMq.TrimEnd('/')}/{_virtualHost}");
        Environment.SetEnvironmentVariable("PLATFORM_TEST_REDIS", $"{PlatformFixture.Redis},defaultDatabase=3");
        await Platform.InitializeAsync();
        await LoadDemoAsync();
    }

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        using var http = ManagementClient(out _);
        await http.DeleteAsync($"/api/vhosts/{_virtualHost}");
    }

    private async Task LoadDemoAsync()
    {
        // In process, through the gateway's public APIs with a platform-admin token, as ./platform up runs tools/DemoLoader.
        var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await DemoLoader.RunAsync(Platform.GatewayAddress, PlatformFixture.Token("platform-admin", "demo-loader"),
                new DemoLoaderOptions { Output = output }, timeout.Token);
        }
        catch (Exception ex)
        {
            Assert.Fail($"the demo loader failed: {ex.Message}\n{output}");
        }
    }

    private static HttpClient ManagementClient(out string user)
    {
        var management = new Uri(Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_MANAGEMENT")
            ?? throw new InvalidOperationException("PLATFORM_TEST_RABBITMQ_MANAGEMENT is not set (run through ./platform test)."));
        user = Uri.UnescapeDataString(management.UserInfo.Split(':')[0]);
        var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        return http;
    }

    private async Task CreateVirtualHostAsync()
    {
        using var http = ManagementClient(out var user);
        (await http.PutAsJsonAsync($"/api/vhosts/{_virtualHost}", new { })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/permissions/{_virtualHost}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoStoryGroup : ICollectionFixture<DemoStoryFixture>
{
    public const string Name = "demo-story";
}
