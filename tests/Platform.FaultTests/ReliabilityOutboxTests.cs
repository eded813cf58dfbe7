using RabbitMQ.Client;

namespace Platform.FaultTests;

/// <summary>The outbox shared by replicas, its retention, and a graceful restart of its service.</summary>
[Collection(FaultTestGroup.Name)]
public sealed class ReliabilityOutboxTests(FaultFixture faults)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(120);

    [Fact(Timeout = 240_000)]
    public async Task Two_replicas_dispatching_one_outbox_publish_each_event_exactly_once()
    {
        var traffic = new PostTraffic(faults);
        var team = await traffic.CreateTeamAsync();
        await using var broker = await faults.ConnectBrokerAsync();
        // A queue of our own on PostCreated sees every publish, duplicates included (the inbox would hide them).
        var observer = $"faults-observer-{Guid.NewGuid():N}";
        await using (var channel = await broker.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(observer, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(observer, RawMessages.PostCreatedExchange, "");
        }

        await using var replica = faults.CreateWorkforceReplica("workforce-replica");
        await replica.StartAsync(FaultFixture.StartTimeout);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var created = await Task.WhenAll(
            traffic.CreatePostsAsync(team, 150, parallel: 2, cts.Token),
            traffic.CreatePostsAsync(team, 150, parallel: 2, cts.Token, via: replica));
        var posts = created.SelectMany(p => p).ToList();
        await traffic.AssertEachAppliedExactlyOnceAsync(posts, Settle);

        var events = (await traffic.EventIdsAsync(posts)).Select(e => e.ToString()).ToHashSet();
        var seen = new List<string?>();
        await Eventually.UntilAsync(async () =>
        {
            seen.AddRange((await RawMessages.DrainAsync(broker, observer)).Select(m => m.MessageId));
            return events.IsSubsetOf(seen.OfType<string>());
        }, Settle, "every event to reach the observer queue");
        var published = seen.Where(id => id is not null && events.Contains(id)).ToList();
        Assert.Equal(published.Distinct().Count(), published.Count);

        // A graceful stop (SIGTERM) lets the host finish what it is doing and exit cleanly.
        Assert.Equal(0, await replica.StopAsync(TimeSpan.FromSeconds(45)));
    }

    [Fact(Timeout = 240_000)]
    public async Task Sent_outbox_rows_and_old_inbox_rows_are_deleted_after_their_retention()
    {
        // Defaults: sent outbox rows are kept 7 days, inbox rows 30 days; the first clean-up runs at start-up.
        var expiredSent = Guid.NewGuid();
        var recentSent = Guid.NewGuid();
        var expiredInbox = Guid.NewGuid();
        var recentInbox = Guid.NewGuid();
        await ExecuteAsync($"""
            INSERT INTO outbox_messages (id, message_type, payload, occurred_at, attempts, next_attempt_at, sent_at)
            VALUES ('{expiredSent}', 'Platform.Contracts.Workforce.V1.PostCreated', '{"{}"}', now() - interval '9 days', 0, now() - interval '9 days', now() - interval '8 days'),
                   ('{recentSent}', 'Platform.Contracts.Workforce.V1.PostCreated', '{"{}"}', now() - interval '6 days', 0, now() - interval '6 days', now() - interval '6 days');
            INSERT INTO inbox_messages (message_id, consumer, processed_at)
            VALUES ('{expiredInbox}', 'RetentionProbe', now() - interval '31 days'),
                   ('{recentInbox}', 'RetentionProbe', now() - interval '29 days');
            """);

        Assert.Equal(0, await faults.Workforce.StopAsync(TimeSpan.FromSeconds(45)));
        await faults.Workforce.StartAsync(FaultFixture.StartTimeout);

        await Eventually.UntilAsync(async () =>
            await FaultFixture.ScalarAsync(faults.WorkforceDb, "SELECT count(*) FROM outbox_messages WHERE id = $1", expiredSent) == 0
            && await FaultFixture.ScalarAsync(faults.WorkforceDb, "SELECT count(*) FROM inbox_messages WHERE message_id = $1", expiredInbox) == 0,
            Settle, "the expired rows to be deleted");
        Assert.Equal(1, await FaultFixture.ScalarAsync(faults.WorkforceDb, "SELECT count(*) FROM outbox_messages WHERE id = $1", recentSent));
        Assert.Equal(1, await FaultFixture.ScalarAsync(faults.WorkforceDb, "SELECT count(*) FROM inbox_messages WHERE message_id = $1", recentInbox));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(faults.WorkforceDb);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
