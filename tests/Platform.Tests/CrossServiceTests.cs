using MassTransit;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Platform.Tests;

/// <summary>Events crossing services: Workforce → RabbitMQ → Finance, read back through the gateway.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class CrossServiceTests(PlatformFixture platform)
{
    private sealed record CommitmentDto(string Source, string BudgetLineCode, int FinancialYear, DateOnly CommittedFrom, decimal Amount);

    private sealed record PageDto<T>(List<T> Items, int TotalCount);

    private sealed record PostDto(Guid Id);

    private sealed record LineTotalDto(string BudgetLineCode, decimal Commitments);

    [Fact]
    public async Task A_post_opened_mid_year_becomes_a_pro_rata_finance_commitment_in_one_trace()
    {
        var consumerSpans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => consumerSpans.Add(activity),
        };
        ActivitySource.AddActivityListener(listener);

        var team = $"F-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();
        (await platform.Gateway.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Assessment", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();

        using var caller = new Activity("improvement-board caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        caller.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        var post = await (await platform.Gateway.PostAsJsonAsync("/api/workforce/posts", new
        {
            teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 42_500m,
            budgetLineCode = "social-work", effectiveFrom = "2019-10-01",
        })).ReadAsync<PostDto>();
        caller.Stop();

        // 2019-20 has 366 days (29 February 2020); 1 October 2019 to 31 March 2020 is 183 of them:
        // 42,500 × 183 / 366 = 21,250.00.
        var commitment = await EventuallyAsync(async () =>
        {
            var page = await (await platform.Gateway.GetAsync($"/api/finance/commitments?source=post:{post.Id}")).ReadAsync<PageDto<CommitmentDto>>();
            return page.Items.SingleOrDefault();
        });
        Assert.Equal(2019, commitment.FinancialYear);
        Assert.Equal("social-work", commitment.BudgetLineCode);
        Assert.Equal(21_250.00m, decimal.Round(commitment.Amount, 2));

        var summary = await (await platform.Gateway.GetAsync("/api/finance/commitments/summary?financialYear=2019")).ReadAsync<List<LineTotalDto>>();
        Assert.True(summary.Single(line => line.BudgetLineCode == "social-work").Commitments >= 21_250m);
        var missingYear = await platform.Gateway.GetAsync("/api/finance/commitments/summary");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, missingYear.StatusCode);
        Assert.Contains("financialYear", await missingYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Contains(consumerSpans, span =>
            span.TraceId == caller.TraceId
            && span.Kind == ActivityKind.Consumer
            && (span.DisplayName.Contains("finance", StringComparison.Ordinal)
                || span.TagObjects.Any(tag => tag.Value?.ToString()?.Contains("finance-post-created", StringComparison.Ordinal) == true)));
    }

    [Fact]
    public async Task The_same_event_delivered_twice_is_applied_once()
    {
        var postId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var duplicate = new Platform.Contracts.Workforce.V1.PostCreated(postId, "DUP", "social-worker", "SW2", 1m, 36_600m, "fostering-services", new DateOnly(2019, 4, 1))
        {
            EventId = messageId,
        };
        var forecastsBefore = await PlatformFixture.CountRowsAsync(platform.FinanceDb, "outbox_messages", ForecastUpdatedRows);

        await platform.FinanceBus.Publish(duplicate, context => context.MessageId = messageId);
        await EventuallyAsync(async () =>
            await PlatformFixture.CountRowsAsync(platform.FinanceDb, "inbox_messages", $"message_id = '{messageId}'") > 0 ? "applied" : null);
        await platform.FinanceBus.Publish(duplicate, context => context.MessageId = messageId);
        // A later, different event on the same queue proves the duplicate has been consumed (queues are FIFO).
        var marker = new Platform.Contracts.Workforce.V1.PostCreated(Guid.NewGuid(), "DUP", "social-worker", "SW2", 1m, 1m, "fostering-services", new DateOnly(2019, 4, 1));
        await platform.FinanceBus.Publish(marker, context => context.MessageId = marker.EventId);
        await EventuallyAsync(async () =>
            await PlatformFixture.CountRowsAsync(platform.FinanceDb, "inbox_messages", $"message_id = '{marker.EventId}'") > 0 ? "applied" : null);

        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "inbox_messages", $"message_id = '{messageId}'"));
        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "commitments", $"source = 'post:{postId}'"));
        // One ForecastUpdated for each distinct event, none for the duplicate.
        Assert.Equal(forecastsBefore + 2, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "outbox_messages", ForecastUpdatedRows));
    }

    private const string ForecastUpdatedRows = "message_type = 'Platform.Contracts.Finance.V1.ForecastUpdated'";

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(200);
        }
        throw new TimeoutException("The expected state was not reached within 30 seconds.");
    }
}
