using System.Diagnostics;
using Npgsql;

namespace Platform.Tests.Messaging;

/// <summary>Outbox rows another process commits (a bulk load, an operator's replay, another replica) go out at once.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class OutboxCommitNotificationTests(PlatformFixture platform)
{
    [Fact]
    public async Task Outbox_rows_committed_by_another_process_are_sent_when_they_commit_not_at_the_next_poll()
    {
        // Fifteen commits of one PostCreated each, straight into Workforce's outbox by SQL (the service's own commits
        // signal its dispatchers in-process; these do not), each waited for until it is sent. Left to the poll (each
        // of the two dispatchers looks every 500 ms) a row waits 167 ms on average; woken by the commit, a few ms.
        const int commits = 15;
        var posts = new List<Guid>();
        var waits = new List<double>();
        await using var workforce = new NpgsqlConnection(platform.WorkforceDb);
        await workforce.OpenAsync();
        for (var i = 0; i < commits; i++)
        {
            var post = Guid.NewGuid();
            posts.Add(post);
            var clock = Stopwatch.StartNew();
            await OutboxRows.InsertPostCreatedAsync(workforce, post, "NOTIFY-T1", new DateOnly(2081, 4, 1)); // its own transaction: committed here
            await using (var sent = new NpgsqlCommand("SELECT sent_at IS NOT NULL FROM outbox_messages WHERE id = $1", workforce) { Parameters = { new() { Value = post } } })
            {
                while (!(bool)(await sent.ExecuteScalarAsync())!)
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "an outbox row committed by SQL was not sent within 30 seconds");
                    await Task.Delay(2);
                }
                waits.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Assert.True(waits.Average() < 80, $"rows waited {waits.Average():N0} ms on average to be sent ({string.Join(", ", waits.Select(w => w.ToString("N0")))} ms): the poll's pace, not the commit's");
        // And they went all the way: Finance applied each once.
        var sources = string.Join(", ", posts.Select(p => $"'post:{p}'"));
        await IngestTestKit.EventuallyAsync(async () =>
            await PlatformFixture.CountRowsAsync(platform.FinanceDb, "commitment_sources", $"source IN ({sources})") == commits,
            "Finance applying the posts committed by SQL");
    }
}
