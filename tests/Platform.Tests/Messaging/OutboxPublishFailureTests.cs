using Npgsql;

namespace Platform.Tests.Messaging;

/// <summary>
/// The outbox's failure path, directly: a row that cannot be published goes back to pending with its reason and a
/// back-off, and the rows claimed with it are neither lost (marked sent by the claim, their publish failed or its
/// outcome never read) nor applied twice.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class OutboxPublishFailureTests(PlatformFixture platform)
{
    private const string UnknownContract = "Platform.Contracts.Retired.V1.SomethingNoVersionKnows";
    private const string Team = "OUTBOX-FAIL-T1";
    private static readonly DateOnly EffectiveFrom = new(2082, 4, 1);

    [Fact]
    public async Task Rows_that_cannot_be_published_back_off_with_their_reason_and_the_rows_claimed_with_them_are_applied_once()
    {
        // Committed together, so one claim takes them in this order: a PostCreated, a row of a contract type this
        // version does not know (as a newer replica rolled back could leave behind), a PostCreated, a second unknown row,
        // a PostCreated. The claim marks all five sent and publishes them at once; the first unknown one fails, and
        // everything after it goes back to pending, the second unknown one too, whose failure is not read in that pass.
        var posts = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var unknown = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var committedAt = DateTimeOffset.UtcNow;
        await using var workforce = new NpgsqlConnection(platform.WorkforceDb);
        await workforce.OpenAsync();
        try
        {
            await using (var transaction = await workforce.BeginTransactionAsync())
            {
                await OutboxRows.InsertPostCreatedAsync(workforce, posts[0], Team, EffectiveFrom, committedAt);
                await OutboxRows.InsertAsync(workforce, unknown[0], UnknownContract, """{"eventId":"00000000-0000-0000-0000-000000000000"}""", committedAt);
                await OutboxRows.InsertPostCreatedAsync(workforce, posts[1], Team, EffectiveFrom, committedAt);
                await OutboxRows.InsertAsync(workforce, unknown[1], UnknownContract, """{"eventId":"00000000-0000-0000-0000-000000000001"}""", committedAt);
                await OutboxRows.InsertPostCreatedAsync(workforce, posts[2], Team, EffectiveFrom, committedAt);
                await transaction.CommitAsync();
            }

            var sources = string.Join(", ", posts.Select(p => $"'post:{p}'"));
            var postIds = string.Join(", ", posts.Select(p => $"'{p}'"));
            var unknownIds = string.Join(", ", unknown.Select(u => $"'{u}'"));
            // Every post ends sent (none left marked sent but unpublished, none left pending). Not at one instant: the
            // last post, put back to pending after the first failure and again after the second, is sent by a third claim.
            await IngestTestKit.EventuallyAsync(async () =>
                await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "outbox_messages", $"id IN ({unknownIds}) AND attempts >= 1") == unknown.Length &&
                await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "outbox_messages", $"id IN ({postIds}) AND sent_at IS NOT NULL") == posts.Length &&
                await PlatformFixture.CountRowsAsync(platform.FinanceDb, "commitment_sources", $"source IN ({sources})") == posts.Length,
                "both unknown rows failing, the three posts sent and Finance applying them");

            // The failed rows: pending, backing off, with the reason an operator can read.
            foreach (var id in unknown)
            {
                await using var failed = new NpgsqlCommand(
                    "SELECT sent_at IS NULL, next_attempt_at > $2, last_error FROM outbox_messages WHERE id = $1", workforce)
                    { Parameters = { new() { Value = id }, new() { Value = committedAt } } };
                await using var row = await failed.ExecuteReaderAsync();
                Assert.True(await row.ReadAsync());
                Assert.True(row.GetBoolean(0), "a row that failed to publish is still marked sent");
                Assert.True(row.GetBoolean(1), "a row that failed to publish is due again at once: no back-off");
                Assert.Contains($"Unknown contract type '{UnknownContract}'", row.GetString(2), StringComparison.Ordinal);
            }

            // Each post was applied once, though the ones after a failure were published again.
            await Task.Delay(TimeSpan.FromSeconds(2)); // a repeat still on its way would land now
            Assert.Equal(posts.Length, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "commitment_sources", $"source IN ({sources})"));
            Assert.Equal(posts.Length, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "inbox_messages", $"message_id IN ({postIds})"));
        }
        finally
        {
            // They would otherwise be retried every 30 seconds for the rest of the run.
            await using var delete = new NpgsqlCommand("DELETE FROM outbox_messages WHERE id = ANY($1)", workforce) { Parameters = { new() { Value = unknown } } };
            await delete.ExecuteNonQueryAsync();
        }
    }
}
