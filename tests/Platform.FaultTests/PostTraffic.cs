using System.Net;
using System.Net.Http.Json;

namespace Platform.FaultTests;

/// <summary>
/// Posts created through Workforce's API (each one commits a PostCreated to its outbox), and the checks that
/// Finance applied each of their events exactly once.
/// </summary>
public sealed class PostTraffic(FaultFixture faults)
{
    private sealed record Created(Guid Id);

    private int _created;

    /// <summary>Posts created so far by <see cref="CreatePostsAsync"/>.</summary>
    public int CreatedCount => Volatile.Read(ref _created);

    public async Task<string> CreateTeamAsync()
    {
        var code = $"R-{Guid.NewGuid().ToString("N")[..10]}".ToUpperInvariant();
        var response = await faults.Workforce.Client.PostAsJsonAsync("/teams", new { code, name = "Fault tests", directorate = "Children's Social Care" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return code;
    }

    public static object PostBody(string team) => new
    {
        teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 40_000m,
        budgetLineCode = "social-work", effectiveFrom = "2019-04-01",
    };

    /// <summary>
    /// Creates <paramref name="count"/> posts, <paramref name="parallel"/> requests at a time, through Workforce or
    /// the given replica; each must succeed.
    /// </summary>
    public async Task<List<Guid>> CreatePostsAsync(string team, int count, int parallel, CancellationToken cancellationToken, ServiceProcess? via = null,
        bool retryUnavailable = false)
    {
        var workforce = (via ?? faults.Workforce).Client;
        var ids = new List<Guid>(count);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                // Retries (just after a restart a pooled connection may still be dead: 503) carry one Idempotency-Key, so a
                // retry after an answer lost past the commit cannot create a second post.
                var key = Guid.NewGuid().ToString();
                var response = await SendPostAsync(workforce, team, key, cancellationToken);
                for (var attempt = 0; retryUnavailable && response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 10; attempt++)
                {
                    await Task.Delay(500, cancellationToken);
                    response = await SendPostAsync(workforce, team, key, cancellationToken);
                }
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                var post = (await response.Content.ReadFromJsonAsync<Created>(cancellationToken))!;
                lock (ids) ids.Add(post.Id);
                Interlocked.Increment(ref _created);
            }
        }));
        return ids;
    }

    private static async Task<HttpResponseMessage> SendPostAsync(HttpClient workforce, string team, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/posts") { Content = JsonContent.Create(PostBody(team)) };
        request.Headers.Add("Idempotency-Key", key);
        return await workforce.SendAsync(request, cancellationToken);
    }

    /// <summary>None of these posts' events was parked in Finance's <c>_error</c> queue (it is drained: later tests start empty).</summary>
    public async Task AssertNoneParkedAsync(IReadOnlyCollection<Guid> posts)
    {
        var events = (await EventIdsAsync(posts)).Select(e => e.ToString()).ToHashSet();
        await using var broker = await faults.ConnectBrokerAsync();
        var parked = await RawMessages.DrainAsync(broker, RawMessages.FinancePostCreatedQueue + "_error");
        Assert.DoesNotContain(parked, message => message.MessageId is { } id && events.Contains(id));
    }

    /// <summary>Ids of the PostCreated events Workforce committed for these posts (one per post).</summary>
    public async Task<Guid[]> EventIdsAsync(IReadOnlyCollection<Guid> posts)
    {
        await using var connection = new Npgsql.NpgsqlConnection(faults.WorkforceDb);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT id FROM outbox_messages WHERE message_type LIKE '%.PostCreated' AND payload->>'postId' = ANY($1)", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = posts.Select(p => p.ToString()).ToArray() });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }

    public Task<long> CommittedPostsAsync(IReadOnlyCollection<Guid> posts) =>
        FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(DISTINCT source) FROM commitments WHERE source = ANY($1)",
            posts.Select(p => $"post:{p}").ToArray());

    /// <summary>
    /// Waits until Finance holds a commitment for every post, then checks each post raised exactly one event,
    /// every event was published, and each consumer of it recorded it exactly once.
    /// </summary>
    public async Task AssertEachAppliedExactlyOnceAsync(IReadOnlyCollection<Guid> posts, TimeSpan timeout)
    {
        try
        {
            await Eventually.UntilAsync(async () => await CommittedPostsAsync(posts) == posts.Count, timeout, $"Finance to commit all {posts.Count} posts");
        }
        catch (TimeoutException stalled)
        {
            // Say where the events stopped: still in Workforce's outbox, or delivered but not applied.
            var unsent = await FaultFixture.ScalarAsync(faults.WorkforceDb, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL");
            throw new TimeoutException(
                $"{stalled.Message} Finance has {await CommittedPostsAsync(posts)}; Workforce's outbox holds {unsent} unsent.\n" +
                $"Finance output:\n{faults.Finance.RecentOutput()}", stalled);
        }

        var events = await EventIdsAsync(posts);
        Assert.Equal(posts.Count, events.Length);
        Assert.Equal(0, await FaultFixture.ScalarAsync(faults.WorkforceDb,
            "SELECT count(*) FROM outbox_messages WHERE id = ANY($1) AND sent_at IS NULL", events));

        var inboxRows = await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", events);
        var distinctEvents = await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(DISTINCT message_id) FROM inbox_messages WHERE message_id = ANY($1)", events);
        var consumers = await FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(DISTINCT consumer) FROM inbox_messages WHERE message_id = ANY($1)", events);
        Assert.Equal(posts.Count, distinctEvents);
        Assert.Equal(distinctEvents * consumers, inboxRows);
        Assert.Equal(0, await CommitmentTotalsMismatchesAsync(faults));
    }

    /// <summary>
    /// The (year, line) pairs where what the forecast reads (the view commitment_line_totals: running totals plus
    /// unfolded changes) differs from the commitments stored, in amount or number: 0 when the totals kept up through
    /// crashes and redeliveries.
    /// </summary>
    public static Task<long> CommitmentTotalsMismatchesAsync(FaultFixture faults) =>
        FaultFixture.ScalarAsync(faults.FinanceDb, """
            SELECT count(*)
            FROM (SELECT financial_year, budget_line_code, sum(amount) AS amount, count(*) AS n FROM commitments GROUP BY 1, 2) AS stored
            FULL JOIN (SELECT financial_year, budget_line_code, amount, commitments AS n FROM commitment_line_totals) AS totals
                USING (financial_year, budget_line_code)
            WHERE stored.amount IS DISTINCT FROM totals.amount OR stored.n IS DISTINCT FROM totals.n
            """);
}
