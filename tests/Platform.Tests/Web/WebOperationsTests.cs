using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Playwright;
using Platform.Contracts.Workforce.V1;
using Platform.ServiceDefaults.Http;
using RabbitMQ.Client;
using static Platform.Tests.Inspections.InspectionsImprovementTests;
using Platform.ServiceDefaults.Model;

namespace Platform.Tests.Web;

/// <summary>
/// The operations page: every app's health, release and commit, queues needing attention flagged, a parked message
/// listed and re-driven after its cause is fixed.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class WebOperationsTests(PlatformFixture platform)
{
    private const string AllocateQueue = "workforce-allocate-case";

    [Fact]
    public async Task A_platform_admin_sees_a_parked_message_and_re_drives_it_once_its_cause_is_fixed()
    {
        // A case allocated (by the case management system, through ingest) to a worker Workforce has never heard of: its
        // consumer fails, and after the retries MassTransit parks it. Far-future business dates.
        var team = Unique("WOP");
        (await platform.Gateway.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Operations team", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        var worker = Guid.NewGuid();
        var caseReference = $"{team}-C1";
        var poison = new AllocateCase(worker, caseReference, new DateOnly(2072, 2, 1));
        await platform.FinanceBus.Publish(poison, context => context.MessageId = poison.EventId);

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "platform-admin", "web-operator");
        var row = page.Locator($"table[data-queue='{AllocateQueue}_error'] tr[data-message-id='{poison.EventId}']");
        await WithinAsync(async () =>
        {
            await page.GotoAsync("/operations");
            return await row.CountAsync() == 1 ? "parked" : null;
        }, TimeSpan.FromSeconds(90));
        var text = await row.InnerTextAsync();
        Assert.Contains("Platform.Contracts.Workforce.V1.AllocateCase", text, StringComparison.Ordinal);
        Assert.Contains($"Worker {worker} does not exist", text, StringComparison.Ordinal);
        Assert.Contains("UTC", text, StringComparison.Ordinal);
        // Health and version of every service, and the queue list from the management API.
        foreach (var service in PlatformModel.Apps.Where(a => a.Kind != PlatformModel.AppKind.Web).Select(a => a.Name))
        {
            Assert.Contains("Healthy", await page.Locator($"tr[data-service='{service}']").InnerTextAsync(), StringComparison.Ordinal);
        }
        Assert.Contains(AllocateQueue, await page.Locator($"tr[data-queue-row='{AllocateQueue}']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Messages parked", await page.Locator($"tr[data-queue-row='{AllocateQueue}_error'] [data-testid=attention]").InnerTextAsync(), StringComparison.Ordinal);

        // The cause is fixed (HR's starter arrives), then the message is re-driven from the page.
        var starter = new RecordStarter(worker, team, "social-worker", "employed", 1m, true, "SW72001", null, new DateOnly(2072, 1, 1), null, null);
        await platform.FinanceBus.Publish(starter, context => context.MessageId = starter.EventId);
        await CaseloadAsync(worker, 0);
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=outcome]")).ToContainTextAsync($"1 message re-driven from {AllocateQueue}_error to {AllocateQueue}");

        await CaseloadAsync(worker, 1);
        await page.GotoAsync("/operations");
        Assert.Equal(0, await row.CountAsync());
    }

    [Fact]
    public async Task Operations_lists_all_seven_apps_with_release_and_commit_and_flags_a_queue_holding_messages_nobody_consumes()
    {
        // A queue some departmental feed writes to, whose consumer is gone: one message waiting, no consumer.
        var orphan = $"ops-orphan-{Guid.NewGuid():N}";
        await using (var connection = await new ConnectionFactory { Uri = new Uri(PlatformFixture.RabbitMq) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(orphan, durable: false, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", orphan, "{}"u8.ToArray());
        }
        try
        {
            await using var browser = await WebBrowser.LaunchAsync();
            var page = await browser.SignInAsync(platform.GatewayAddress, "platform-admin", "web-operator");
            var flag = page.Locator($"tr[data-queue-row='{orphan}'] [data-testid=attention]");
            await WithinAsync(async () =>
            {
                await page.GotoAsync("/operations");
                return await flag.CountAsync() == 1 && (await flag.InnerTextAsync()).Length > 0 ? "flagged" : null;
            }, TimeSpan.FromSeconds(60));
            Assert.Equal("Messages waiting with no consumer", (await flag.InnerTextAsync()).Trim());
            Assert.Contains(orphan, await page.Locator("[data-testid=attention]").First.InnerTextAsync(), StringComparison.Ordinal);

            // Every app, each healthy, with the release and the commit the build stamped (the same build as this test's).
            var built = AppVersion.Of(typeof(WebOperationsTests).Assembly);
            Assert.NotNull(built.Commit);
            var apps = PlatformModel.Apps.Select(a => a.Name).ToList();
            Assert.Equal(apps.Order(), (await page.Locator("[data-testid=services] tr[data-service]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.service)")).Order());
            foreach (var app in apps)
            {
                var row = page.Locator($"tr[data-service='{app}']");
                Assert.Contains("Healthy", await row.InnerTextAsync(), StringComparison.Ordinal);
                Assert.Equal(built.Version, (await row.Locator("[data-testid=version]").InnerTextAsync()).Trim());
                Assert.Equal(built.Commit, (await row.Locator("[data-testid=commit]").InnerTextAsync()).Trim());
            }
        }
        finally
        {
            await using var connection = await new ConnectionFactory { Uri = new Uri(PlatformFixture.RabbitMq) }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(orphan);
        }
    }

    private async Task CaseloadAsync(Guid worker, int cases) =>
        await EventuallyAsync(async () =>
        {
            using var response = await platform.Gateway.GetAsync($"/api/workforce/staff/{worker}/cases?asAt=2072-03-01");
            if (!response.IsSuccessStatusCode) return null;
            return (int)(await Json(response))["caseload"]! == cases ? "reached" : null;
        });

    private static async Task<T> WithinAsync<T>(Func<Task<T?>> probe, TimeSpan within) where T : class
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"The expected state was not reached within {within.TotalSeconds} seconds.");
    }
}
