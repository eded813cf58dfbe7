using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Playwright;
using Platform.Contracts.Workforce.V1;
using static Platform.Tests.InspectionsImprovementTests;

namespace Platform.Tests;

/// <summary>The operations page: service health, queues, a parked message listed and re-driven after its cause is fixed.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class WebOperationsTests(PlatformFixture platform)
{
    private const string VacancyQueue = "inspections-establishment-vacancy-opened";

    [Fact]
    public async Task A_platform_admin_sees_a_parked_message_and_re_drives_it_once_its_cause_is_fixed()
    {
        // A vacancy on a post Inspections has never heard of: its consumer fails, and after the retries MassTransit parks it.
        // Far-future business dates: the post's cost lands in a financial year no Finance test looks at.
        var team = Unique("WOP");
        var post = Guid.NewGuid();
        var poison = new VacancyOpened(Guid.NewGuid(), post, team, "social-worker", new DateOnly(2072, 2, 1));
        await platform.FinanceBus.Publish(poison, context => context.MessageId = poison.EventId);

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "platform-admin", "web-operator");
        var row = page.Locator($"table[data-queue='{VacancyQueue}_error'] tr[data-message-id='{poison.EventId}']");
        await WithinAsync(async () =>
        {
            await page.GotoAsync("/operations");
            return await row.CountAsync() == 1 ? "parked" : null;
        }, TimeSpan.FromSeconds(90));
        var text = await row.InnerTextAsync();
        Assert.Contains("Platform.Contracts.Workforce.V1.VacancyOpened", text, StringComparison.Ordinal);
        Assert.Contains($"Post {post} is not known yet", text, StringComparison.Ordinal);
        Assert.Contains("UTC", text, StringComparison.Ordinal);
        // Health and version of every service, and the queue list from the management API.
        foreach (var service in new[] { "gateway", "workforce", "finance", "placements", "inspections" })
        {
            Assert.Contains("Healthy", await page.Locator($"tr[data-service='{service}']").InnerTextAsync(), StringComparison.Ordinal);
        }
        Assert.Contains(VacancyQueue, await page.Locator($"tr[data-queue-row='{VacancyQueue}']").InnerTextAsync(), StringComparison.Ordinal);

        // The cause is fixed (the post becomes known), then the message is re-driven from the page.
        await platform.FinanceBus.Publish(new PostCreated(post, team, "social-worker", "SW2", 1m, 40_000m, "social-work", new DateOnly(2072, 1, 1)));
        await VacancyRateAsync(team, r => (int)r["posts"]! == 1);
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=outcome]")).ToContainTextAsync($"1 message re-driven from {VacancyQueue}_error to {VacancyQueue}");

        var rate = await VacancyRateAsync(team, r => (int)r["vacantPosts"]! == 1);
        Assert.Equal(100m, (decimal)rate["ratePercent"]!);
        await page.GotoAsync("/operations");
        Assert.Equal(0, await row.CountAsync());
    }

    private async Task<JsonNode> VacancyRateAsync(string team, Func<JsonNode, bool> condition) =>
        await EventuallyAsync(async () =>
        {
            using var response = await platform.Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2072-03-01");
            if (!response.IsSuccessStatusCode) return null;
            var rate = await Json(response);
            return condition(rate) ? rate : null;
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
