using System.Net;
using System.Net.Http.Json;

namespace Platform.FaultTests;

/// <summary>
/// Crashes of the consumer, the broker and the database while Workforce's events flow to Finance. These stop and
/// start the shared test servers, so they run in their own collection, one at a time, and always bring them back.
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class ReliabilityCrashTests(FaultFixture faults)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(150);

    [Fact(Timeout = 240_000)]
    public async Task A_consumer_killed_mid_stream_applies_all_1000_events_exactly_once_after_restart()
    {
        var stream = new PostTraffic(faults);
        var team = await stream.CreateTeamAsync();
        var inboxBefore = await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(*) FROM inbox_messages");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(200));

        var producing = stream.CreatePostsAsync(team, 1000, parallel: 4, cts.Token);
        await Eventually.UntilAsync(async () =>
            producing.IsFaulted || await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(*) FROM inbox_messages") >= inboxBefore + 100,
            Settle, "Finance to apply the first 100 events");
        await faults.Finance.KillAsync();
        var createdAtKill = stream.CreatedCount;
        await faults.Finance.StartAsync(FaultFixture.StartTimeout);
        var posts = await producing;

        Assert.True(createdAtKill < posts.Count, "The consumer was killed after the stream had ended; the test proved nothing.");
        await stream.AssertEachAppliedExactlyOnceAsync(posts, Settle);
        await stream.AssertNoneParkedAsync(posts);
    }

    [Fact(Timeout = 480_000)]
    public async Task Events_published_while_RabbitMQ_is_down_for_a_minute_are_neither_lost_nor_applied_twice_nor_parked()
    {
        var stream = new PostTraffic(faults);
        var team = await stream.CreateTeamAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(360));
        List<Guid> posts;
        try
        {
            var producing = stream.CreatePostsAsync(team, 500, parallel: 2, cts.Token);
            await Eventually.UntilAsync(() => Task.FromResult(producing.IsFaulted || stream.CreatedCount >= 50), Settle, "50 posts");
            await faults.ServerAsync("stop", "rabbitmq");
            var stoppedAt = DateTime.UtcNow;
            // Readiness follows the broker; liveness does not (a restart would not help).
            HttpStatusCode? lastStatus = null;
            try
            {
                await Eventually.UntilAsync(async () => (lastStatus = await faults.Finance.HealthStatusAsync("/health")) == HttpStatusCode.ServiceUnavailable,
                    TimeSpan.FromSeconds(60), "Finance readiness to fail without the broker");
            }
            catch (TimeoutException ex)
            {
                var body = await HealthBodyAsync();
                throw new TimeoutException($"{ex.Message} (last /health: {lastStatus?.ToString() ?? "no answer"}; {body})\n{faults.Finance.RecentOutput()}", ex);
            }
            Assert.Equal(HttpStatusCode.OK, await faults.Finance.HealthStatusAsync("/alive"));
            // A minute's outage, while posts are still being created (their events wait in Workforce's outbox).
            var remaining = TimeSpan.FromSeconds(60) - (DateTime.UtcNow - stoppedAt);
            if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
            await faults.ServerAsync("start", "rabbitmq");
            posts = await producing;
        }
        finally
        {
            await faults.EnsureServersRunningAsync();
        }

        await Eventually.UntilAsync(async () => await faults.Finance.HealthStatusAsync("/health") == HttpStatusCode.OK
            && await faults.Workforce.HealthStatusAsync("/health") == HttpStatusCode.OK, Settle, "both services to be ready again");
        await stream.AssertEachAppliedExactlyOnceAsync(posts, Settle);
        await stream.AssertNoneParkedAsync(posts);
    }

    private async Task<string> HealthBodyAsync()
    {
        using var response = await faults.Finance.Client.GetAsync("/health");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact(Timeout = 240_000)]
    public async Task Requests_fail_with_503_while_PostgreSQL_is_down_publish_nothing_and_the_service_recovers_alone()
    {
        var stream = new PostTraffic(faults);
        var team = await stream.CreateTeamAsync();
        await Eventually.UntilAsync(async () => await FaultFixture.ScalarAsync(faults.WorkforceDb,
            "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0, Settle, "Workforce's outbox to drain");
        // PostCreated only: Workforce's measure publisher adds MeasureSeriesPublished rows on its own schedule (a post
        // changes the measures), which says nothing about what the outage let through.
        const string postEvents = "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.PostCreated'";
        var outboxBefore = await FaultFixture.ScalarAsync(faults.WorkforceDb, postEvents);
        var postsBefore = await FaultFixture.ScalarAsync(faults.WorkforceDb, "SELECT count(*) FROM posts");
        var inboxBefore = await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(*) FROM inbox_messages");

        await faults.ServerAsync("stop", "postgres");
        try
        {
            await Eventually.UntilAsync(async () => await faults.Workforce.HealthStatusAsync("/health") == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(60), "Workforce readiness to fail without its database");
            Assert.Equal(HttpStatusCode.OK, await faults.Workforce.HealthStatusAsync("/alive"));
            for (var i = 0; i < 3; i++)
            {
                using var response = await faults.Workforce.Client.PostAsJsonAsync("/posts", PostTraffic.PostBody(team));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter is not null, "A 503 tells the caller when to retry.");
            }
        }
        finally
        {
            await faults.EnsureServersRunningAsync();
        }

        await Eventually.UntilAsync(async () => await faults.Workforce.HealthStatusAsync("/health") == HttpStatusCode.OK
            && await faults.Finance.HealthStatusAsync("/health") == HttpStatusCode.OK, Settle, "both services to be ready again");
        var marker = await stream.CreatePostsAsync(team, 1, parallel: 1, CancellationToken.None);
        await Eventually.UntilAsync(async () => await stream.CommittedPostsAsync(marker) == 1, Settle, "the post made after recovery to reach Finance");

        Assert.Equal(postsBefore + 1, await FaultFixture.ScalarAsync(faults.WorkforceDb, "SELECT count(*) FROM posts"));
        Assert.Equal(outboxBefore + 1, await FaultFixture.ScalarAsync(faults.WorkforceDb, postEvents));
        var markerEvents = await stream.EventIdsAsync(marker);
        var markerInboxRows = await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", markerEvents);
        Assert.Equal(inboxBefore + markerInboxRows, await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(*) FROM inbox_messages"));
    }

    [Fact(Timeout = 480_000)]
    public async Task Events_waiting_while_PostgreSQL_is_down_for_a_minute_are_applied_exactly_once_with_nothing_parked()
    {
        // Published straight to Finance's queue, so that some are certainly in flight during the outage: the first 200
        // while the database is up, the other 300 once it is down (Finance takes them in batches that fail and wait).
        var events = Enumerable.Range(0, 500).Select(_ => (Id: Guid.NewGuid(), Post: Guid.NewGuid())).ToList();
        var beforeIds = events.Take(200).Select(e => e.Id).ToArray();
        var duringIds = events.Skip(200).Select(e => e.Id).ToArray();
        var allIds = events.Select(e => e.Id).ToArray();
        await using var broker = await faults.ConnectBrokerAsync();
        foreach (var (id, post) in events.Take(200))
        {
            await RawMessages.PublishAsync(broker, "", RawMessages.FinancePostCreatedQueue, id, RawMessages.PostCreated(id, post, 36_600m));
        }
        await Eventually.UntilAsync(async () => await FaultFixture.ScalarAsync(faults.FinanceDb,
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", beforeIds) > 0, Settle, "Finance to apply its first events");

        DateTimeOffset restarting;
        await faults.ServerAsync("stop", "postgres");
        try
        {
            foreach (var (id, post) in events.Skip(200))
            {
                await RawMessages.PublishAsync(broker, "", RawMessages.FinancePostCreatedQueue, id, RawMessages.PostCreated(id, post, 36_600m));
            }
            await Task.Delay(TimeSpan.FromSeconds(60));
            restarting = DateTimeOffset.UtcNow;
            await faults.ServerAsync("start", "postgres");
        }
        finally
        {
            await faults.EnsureServersRunningAsync();
            if (await faults.Finance.HealthStatusAsync("/alive") is null) await faults.Finance.StartAsync(FaultFixture.StartTimeout);
        }

        try
        {
            await Eventually.UntilAsync(async () => await FaultFixture.ScalarAsync(faults.FinanceDb,
                "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", allIds) == events.Count, Settle, "Finance to apply all 500 events");
        }
        catch (TimeoutException stalled)
        {
            throw new TimeoutException($"{stalled.Message}\nFinance output:\n{faults.Finance.RecentOutput()}", stalled);
        }
        // Each applied once: one inbox row and one commitment per post, and none of the 300 before the database was back.
        Assert.Equal(events.Count, await FaultFixture.ScalarAsync(faults.FinanceDb,
            "SELECT count(DISTINCT message_id) FROM inbox_messages WHERE message_id = ANY($1)", allIds));
        var sources = events.Select(e => $"post:{e.Post}").ToArray();
        Assert.Equal(events.Count, await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(*) FROM commitments WHERE source = ANY($1)", sources));
        Assert.Equal(duringIds.Length, await FaultFixture.ScalarAsync(faults.FinanceDb,
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1) AND processed_at >= $2", duringIds, restarting));
        Assert.Equal(0, await PostTraffic.CommitmentTotalsMismatchesAsync(faults));
        var parked = await RawMessages.DrainAsync(broker, RawMessages.FinancePostCreatedQueue + "_error");
        Assert.DoesNotContain(parked, message => message.MessageId is { } id && allIds.Any(e => e.ToString() == id));
    }

    [Fact(Timeout = 300_000)]
    public async Task Platform_restart_of_the_database_leaves_the_services_working_without_help()
    {
        var stream = new PostTraffic(faults);
        var team = await stream.CreateTeamAsync();
        try
        {
            await faults.PlatformAsync("restart", "postgres", "test");
        }
        finally
        {
            await faults.EnsureServersRunningAsync();
        }

        var posts = await stream.CreatePostsAsync(team, 20, parallel: 2, CancellationToken.None, retryUnavailable: true);
        await stream.AssertEachAppliedExactlyOnceAsync(posts, Settle);
    }

    [Fact(Timeout = 240_000)]
    public async Task With_Redis_down_the_services_that_do_not_use_it_stay_ready_and_events_flow()
    {
        var stream = new PostTraffic(faults);
        var team = await stream.CreateTeamAsync();
        List<Guid> posts;
        await faults.ServerAsync("stop", "redis");
        try
        {
            // Workforce and Finance keep no state in Redis: its outage must not take them out of rotation.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal(HttpStatusCode.OK, await faults.Workforce.HealthStatusAsync("/health"));
            Assert.Equal(HttpStatusCode.OK, await faults.Finance.HealthStatusAsync("/health"));
            posts = await stream.CreatePostsAsync(team, 20, parallel: 2, CancellationToken.None);
            await stream.AssertEachAppliedExactlyOnceAsync(posts, Settle);
        }
        finally
        {
            await faults.ServerAsync("start", "redis");
        }
    }
}
