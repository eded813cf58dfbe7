using System.Diagnostics;
using System.Globalization;
using Platform.Contracts.Workforce.V1;
using static Platform.Tests.FinanceTestKit;

namespace Platform.Tests.Finance;

/// <summary>
/// A measure owner under a steady stream of changes publishes at most one round a second (<c>Measures:PublishInterval</c>,
/// docs/measures.md "Pacing"), and still publishes the last change.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class FinanceMeasurePacingTests(PlatformFixture platform)
{
    private const string Publications = "message_type = 'Platform.Contracts.Measures.V1.MeasureSeriesPublished'";

    [Fact]
    public async Task A_steady_stream_of_commitment_changes_is_published_at_most_once_a_second_and_the_last_change_is_published()
    {
        // Ten posts a second for about eight seconds: each changes Finance's commitments, so Finance has a measure change
        // waiting at every one of its publisher's looks (every 500 ms). Unpaced, it would publish at each look.
        var team = UniqueCode("PACE");
        var since = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var posts = new List<PostCreated>();
        for (var i = 0; i < 80; i++)
        {
            var post = new PostCreated(Guid.NewGuid(), team, "social-worker", "SW3", 1m, 36_500m, "fostering-services", new DateOnly(2058, 4, 1).AddDays(i));
            await platform.PublishAsync(post);
            posts.Add(post);
            await Task.Delay(100);
        }
        foreach (var post in posts) await platform.AppliedAsync(post.EventId);
        var until = DateTimeOffset.UtcNow;
        var seconds = clock.Elapsed.TotalSeconds;

        var published = await PlatformFixture.CountRowsAsync(platform.FinanceDb, "outbox_messages",
            $"{Publications} AND occurred_at >= '{Instant(since)}' AND occurred_at <= '{Instant(until)}'");
        // One round a second, plus the round already under way when the stream began and the one at its first change.
        Assert.InRange(published, 1, (long)Math.Ceiling(seconds) + 2);

        // The last change is not held back: nothing waits to be published a moment after the stream.
        await EventuallyAsync(async () => await PlatformFixture.CountRowsAsync(platform.FinanceDb, "measure_changes", "true") == 0 ? "published" : null);
    }

    private static string Instant(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
