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

    private sealed record VacancyRateDto(DateOnly AsAt, decimal EstablishmentFte, decimal VacantFte, decimal RatePercent, int Posts, int VacantPosts);

    private sealed record VacancyDto(Guid Id);

    [Fact]
    public async Task Inspections_vacancy_rate_follows_workforce_events_and_answers_for_past_dates()
    {
        var team = $"V-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();
        (await platform.Gateway.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Safeguarding", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        var posts = new List<PostDto>();
        for (var i = 0; i < 2; i++)
        {
            posts.Add(await (await platform.Gateway.PostAsJsonAsync("/api/workforce/posts", new
            {
                teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 40_000m,
                budgetLineCode = "social-work", effectiveFrom = "2019-04-01",
            })).ReadAsync<PostDto>());
        }
        var vacancy = await (await platform.Gateway.PostAsJsonAsync($"/api/workforce/posts/{posts[0].Id}/vacancies", new { openedOn = "2019-06-03" })).ReadAsync<VacancyDto>();

        // One of two 1.0 FTE posts vacant from 3 June 2019: 50% in July, 0% in May (before it opened).
        var july = await EventuallyAsync(async () =>
        {
            var rate = await (await platform.Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2019-07-01")).ReadAsync<VacancyRateDto>();
            return rate.Posts == 2 && rate.VacantPosts == 1 ? rate : null;
        });
        Assert.Equal(50.0m, july.RatePercent);
        var may = await (await platform.Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2019-05-01")).ReadAsync<VacancyRateDto>();
        Assert.Equal(0m, may.RatePercent);
        Assert.Equal(2, may.Posts);

        (await platform.Gateway.PostAsJsonAsync($"/api/workforce/vacancies/{vacancy.Id}/fill", new { filledOn = "2019-08-12" })).EnsureSuccessStatusCode();
        var september = await EventuallyAsync(async () =>
        {
            var rate = await (await platform.Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2019-09-01")).ReadAsync<VacancyRateDto>();
            return rate.VacantPosts == 0 ? rate : null;
        });
        Assert.Equal(0m, september.RatePercent);
        // History is kept: July still shows the vacancy after it was filled in August.
        var julyAgain = await (await platform.Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2019-07-01")).ReadAsync<VacancyRateDto>();
        Assert.Equal(50.0m, julyAgain.RatePercent);
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
        var forecastsBefore = await PlatformFixture.CountRowsAsync(platform.FinanceDb, "outbox_messages");

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
        Assert.Equal(forecastsBefore + 2, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "outbox_messages"));
    }

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
