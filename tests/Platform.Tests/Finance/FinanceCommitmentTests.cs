using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Contracts.Placements.V1;
using Platform.Contracts.Workforce.V1;
using static Platform.Tests.FinanceTestKit;

namespace Platform.Tests.Finance;

/// <summary>Commitments from Workforce and Placements events: pro rata, re-computed on change, stopped on end, applied once.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class FinanceCommitmentTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_post_opened_mid_year_commits_pro_rata_and_a_change_or_deletion_recomputes_from_its_date()
    {
        // Through Workforce: a £45,000 post from 14 July 2025. 2025-26 has 365 days; 14 July 2025 to 31 March 2026
        // is 18 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 = 261 of them: 45,000 × 261 / 365 = £32,178.08.
        var team = UniqueCode("FIN");
        (await platform.Gateway.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Fostering support", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        var post = await (await platform.Gateway.PostAsJsonAsync("/api/workforce/posts", new
        {
            teamCode = team, jobRole = "social-worker", grade = "SW3", fte = 1m, annualCost = 45_000m,
            budgetLineCode = "fostering-services", effectiveFrom = "2025-07-14",
        })).ReadAsync<IdDto>();
        var source = $"post:{post.Id}";
        var first = await EventuallyAsync(async () => (await platform.CommitmentsOfAsync(source)).SingleOrDefault());
        Assert.Equal((2025, "fostering-services", new DateOnly(2025, 7, 14), new DateOnly(2026, 3, 31)), (first.FinancialYear, first.BudgetLineCode, first.CommittedFrom, first.CommittedTo));
        Assert.Equal(32_178.08m, decimal.Round(first.Amount, 2));

        // Regraded to £50,000 from 1 January 2026: 171 days at £45,000 (14 July – 31 December) and 90 at £50,000:
        // 45,000 × 171 / 365 + 50,000 × 90 / 365 = 21,082.19 + 12,328.77 = £33,410.96.
        var changed = new PostChanged(post.Id, team, "social-worker", "SW4", 1m, 50_000m, "fostering-services", "filled", new DateOnly(2026, 1, 1));
        await platform.PublishAsync(changed);
        var second = await EventuallyAsync(async () => (await platform.CommitmentsOfAsync(source)).SingleOrDefault(c => decimal.Round(c.Amount, 2) != 32_178.08m));
        Assert.Equal(33_410.96m, decimal.Round(second.Amount, 2));

        // Deleted from 1 March 2026: the cost stops on 28 February: 171 days at £45,000 and 59 at £50,000:
        // 21,082.19 + 8,082.19 = £29,164.38.
        await platform.PublishAsync(new PostDeleted(post.Id, team, "social-worker", 1m, 50_000m, "fostering-services", new DateOnly(2026, 3, 1)));
        var third = await EventuallyAsync(async () => (await platform.CommitmentsOfAsync(source)).SingleOrDefault(c => c.CommittedTo == new DateOnly(2026, 2, 28)));
        Assert.Equal(29_164.38m, decimal.Round(third.Amount, 2));
    }

    [Fact]
    public async Task Changes_to_one_post_arriving_together_are_all_applied_whichever_comes_first()
    {
        // A £36,500 post from 1 April 2025 on line A; then, delivered at once (so a batch holds both), a rise to £73,000
        // from 1 October and a move to line B at £36,500 from 1 January 2026. 2025-26 has 365 days: line A keeps
        // 183 days at £36,500 (£18,300) and 92 at £73,000 (£18,400), £36,700 to 31 December; line B has 90 days at £36,500, £9,000.
        var postId = Guid.NewGuid();
        var team = UniqueCode("SET");
        var lineA = "fostering-services";
        var lineB = "residential-care";
        var created = new PostCreated(postId, team, "social-worker", "SW3", 1m, 36_500m, lineA, new DateOnly(2025, 4, 1));
        await platform.PublishAsync(created);
        await platform.AppliedAsync(created.EventId);
        var rise = new PostChanged(postId, team, "social-worker", "SW4", 1m, 73_000m, lineA, "filled", new DateOnly(2025, 10, 1));
        var move = new PostChanged(postId, team, "social-worker", "SW3", 1m, 36_500m, lineB, "filled", new DateOnly(2026, 1, 1));
        await Task.WhenAll(platform.PublishAsync(move), platform.PublishAsync(rise));
        await platform.AppliedAsync(rise.EventId);
        await platform.AppliedAsync(move.EventId);

        var commitments = (await platform.CommitmentsOfAsync($"post:{postId}")).OrderBy(c => c.CommittedFrom).ToList();
        Assert.Equal(2, commitments.Count);
        Assert.Equal((lineA, new DateOnly(2025, 4, 1), new DateOnly(2025, 12, 31), 36_700m),
            (commitments[0].BudgetLineCode, commitments[0].CommittedFrom, commitments[0].CommittedTo, decimal.Round(commitments[0].Amount, 2)));
        Assert.Equal((lineB, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), 9_000m),
            (commitments[1].BudgetLineCode, commitments[1].CommittedFrom, commitments[1].CommittedTo, decimal.Round(commitments[1].Amount, 2)));
    }

    [Fact]
    public async Task The_forecast_and_the_summary_show_the_sum_of_the_commitments_listed_after_moves_and_deletions()
    {
        // 2053-54 has 365 days, so £36,500 a year is £100 a day. Created first, on lines A and B from 1 April 2053:
        // P1 £36,500 on A; P2 £73,000 on A; P3 £36,500 on B; P4 £36,500 on A. Then delivered at once: P2 moves to B from
        // 1 October (183 days on A: £36,600; 182 on B: £36,400), P3 is deleted from 1 January 2054 (275 days: £27,500),
        // P4 is deleted from its first day (nothing left). Line A: 36,500 + 36,600 = £73,100; line B: 36,400 + 27,500 = £63,900.
        const int year = 2053;
        var team = UniqueCode("TOT");
        const string lineA = "fostering-services", lineB = "residential-care";
        var start = new DateOnly(year, 4, 1);
        var (p1, p2, p3, p4) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var created = new[]
        {
            new PostCreated(p1, team, "social-worker", "SW3", 1m, 36_500m, lineA, start),
            new PostCreated(p2, team, "social-worker", "SW4", 1m, 73_000m, lineA, start),
            new PostCreated(p3, team, "social-worker", "SW3", 1m, 36_500m, lineB, start),
            new PostCreated(p4, team, "social-worker", "SW3", 1m, 36_500m, lineA, start),
        };
        await Task.WhenAll(created.Select(e => platform.PublishAsync(e)));
        foreach (var e in created) await platform.AppliedAsync(e.EventId);
        var changes = new IntegrationEvent[]
        {
            new PostChanged(p2, team, "social-worker", "SW4", 1m, 73_000m, lineB, "filled", new DateOnly(year, 10, 1)),
            new PostDeleted(p3, team, "social-worker", 1m, 36_500m, lineB, new DateOnly(year + 1, 1, 1)),
            new PostDeleted(p4, team, "social-worker", 1m, 36_500m, lineA, start),
        };
        await Task.WhenAll(changes.Select(e => platform.PublishAnyAsync(e)));
        foreach (var e in changes) await platform.AppliedAsync(e.EventId);

        var listed = (await (await platform.Gateway.GetAsync($"/api/finance/commitments?financialYear={year}&pageSize=100")).ReadAsync<PageDto<CommitmentDto>>()).Items
            .GroupBy(c => c.BudgetLineCode).ToDictionary(g => g.Key, g => decimal.Round(g.Sum(c => c.Amount), 2));
        Assert.Equal(new Dictionary<string, decimal> { [lineA] = 73_100m, [lineB] = 63_900m }, listed);
        var forecast = (await platform.ForecastAsync(year)).Lines.ToDictionary(l => l.BudgetLineCode, l => decimal.Round(l.Commitments, 2));
        Assert.Equal(listed, forecast);
        var summary = await (await platform.Gateway.GetAsync($"/api/finance/commitments/summary?financialYear={year}")).ReadAsync<List<LineTotalDto>>();
        Assert.Equal(listed, summary.ToDictionary(l => l.BudgetLineCode, l => decimal.Round(l.Commitments, 2)));
    }

    private sealed record LineTotalDto(string BudgetLineCode, decimal Commitments);

    [Fact]
    public async Task The_sources_and_commitments_a_burst_of_posts_adds_are_in_the_audit_trail_as_the_consumers_work()
    {
        // Finance inserts a batch's new sources and commitments in one statement each, outside the change tracker; the
        // audit trail must still show each as added, by the system (an event consumer), as it shows rows saved through EF.
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var team = UniqueCode("AUD");
        var posts = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        var created = posts.Select(p => new PostCreated(p, team, "social-worker", "SW3", 1m, 36_500m, "fostering-services", new DateOnly(2057, 4, 1))).ToList();
        await Task.WhenAll(created.Select(e => platform.PublishAsync(e)));
        foreach (var e in created) await platform.AppliedAsync(e.EventId);

        var trail = await (await platform.Gateway.GetAsync($"/api/finance/audit?entity=Commitment&from={Uri.EscapeDataString(since.ToString("O"))}&pageSize=100"))
            .ReadAsync<PageDto<AuditDto>>();
        var added = trail.Items.Where(a => a.Action == "added").ToList();
        var expected = posts.Select(p => $"post:{p}/2057/fostering-services").ToList();
        var audited = added.Where(a => a.Keys.Any(expected.Contains)).ToList();
        Assert.Equal(expected.Order(), audited.SelectMany(a => a.Keys).Where(expected.Contains).Order());
        Assert.All(audited, a => Assert.Equal("system", a.Subject));

        var sourceTrail = await (await platform.Gateway.GetAsync($"/api/finance/audit?entity=CommitmentSource&from={Uri.EscapeDataString(since.ToString("O"))}&pageSize=100"))
            .ReadAsync<PageDto<AuditDto>>();
        var expectedSources = posts.Select(p => $"post:{p}").ToList();
        Assert.Equal(expectedSources.Order(), sourceTrail.Items.Where(a => a.Action == "added").SelectMany(a => a.Keys).Where(expectedSources.Contains).Order());

        // The sources were stored whole: a change read back from the store keeps the first rate until it takes effect.
        // 183 days at £100 a day, then 182 at £200: £18,300 + £36,400.
        var changed = new PostChanged(posts[0], team, "social-worker", "SW4", 1m, 73_000m, "fostering-services", "filled", new DateOnly(2057, 10, 1));
        await platform.PublishAsync(changed);
        await platform.AppliedAsync(changed.EventId);
        var listed = await platform.CommitmentsOfAsync($"post:{posts[0]}");
        Assert.Equal(54_700m, decimal.Round(Assert.Single(listed).Amount, 2));
    }

    private sealed record AuditDto(string Subject, string Entity, string Action, int Count, List<string> Keys);

    [Fact]
    public async Task A_placement_ending_stops_its_commitment()
    {
        // £3,500 a week in a children's home from 3 June 2024: to 31 March 2025 is 302 days: 3,500 × 302 / 7 = £151,000.
        var episode = Guid.NewGuid();
        var child = $"C{Random.Shared.Next(100_000_000, 999_999_999)}";
        await platform.PublishAsync(new PlacementStarted(episode, child, new DateOnly(2024, 6, 3), "S", "C2", "K2", "PR4", 3_500m));
        var open = await EventuallyAsync(async () => (await platform.CommitmentsOfAsync($"placement:{episode}")).SingleOrDefault());
        Assert.Equal(("residential-care", 151_000.00m), (open.BudgetLineCode, decimal.Round(open.Amount, 2)));

        // Ended on 29 September 2024: 3 June – 29 September is 119 days: 3,500 × 119 / 7 = £59,500; nothing after.
        await platform.PublishAsync(new PlacementEnded(episode, child, new DateOnly(2024, 9, 29), "X1", "CHILD"));
        var ended = await EventuallyAsync(async () => (await platform.CommitmentsOfAsync($"placement:{episode}")).SingleOrDefault(c => c.CommittedTo == new DateOnly(2024, 9, 29)));
        Assert.Equal(59_500.00m, decimal.Round(ended.Amount, 2));
    }

    [Fact]
    public async Task Placement_events_arriving_out_of_order_give_the_same_commitment()
    {
        // Each event type has its own queue, so an end or a change may be consumed before the start.
        // £700 a week in foster care from 1 October 2024, £800 from 1 November, ended 31 January 2025:
        // 31 days × 700 / 7 + 92 days × 800 / 7 = 3,100 + 10,514.29 = £13,614.29.
        var episode = Guid.NewGuid();
        var child = $"C{Random.Shared.Next(100_000_000, 999_999_999)}";
        var ended = new PlacementEnded(episode, child, new DateOnly(2025, 1, 31), "E11", null);
        await platform.PublishAsync(ended);
        await platform.AppliedAsync(ended.EventId);
        Assert.Empty(await platform.CommitmentsOfAsync($"placement:{episode}"));

        var changed = new PlacementChanged(episode, child, "U4", "PR1", 800m, new DateOnly(2024, 11, 1));
        await platform.PublishAsync(changed);
        await platform.AppliedAsync(changed.EventId);
        await platform.PublishAsync(new PlacementStarted(episode, child, new DateOnly(2024, 10, 1), "S", "C2", "U4", "PR1", 700m));

        var commitment = await EventuallyAsync(async () => (await platform.CommitmentsOfAsync($"placement:{episode}")).SingleOrDefault(c => c.CommittedFrom == new DateOnly(2024, 10, 1)));
        Assert.Equal((2024, "fostering-services", new DateOnly(2025, 1, 31)), (commitment.FinancialYear, commitment.BudgetLineCode, commitment.CommittedTo));
        Assert.Equal(13_614.29m, decimal.Round(commitment.Amount, 2));
    }

    [Fact]
    public async Task An_agency_worker_commits_day_rate_for_working_days_until_the_expected_end_and_stops_when_ended()
    {
        // £350 a day from Monday 2 February 2026, expected to end Friday 27 February: 20 working days = £7,000.
        var worker = Guid.NewGuid();
        await platform.PublishAsync(new AgencyWorkerEngaged(worker, null, "AGENCY", "social-worker", 1m, 350m, "social-work", new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 27)));
        var planned = await EventuallyAsync(async () => (await platform.CommitmentsOfAsync($"agency:{worker}")).SingleOrDefault());
        Assert.Equal(7_000.00m, planned.Amount);

        // Ended early on Friday 13 February: 10 working days = £3,500.
        await platform.PublishAsync(new AgencyWorkerEnded(worker, null, "AGENCY", "social-worker", new DateOnly(2026, 2, 13)));
        var ended = await EventuallyAsync(async () => (await platform.CommitmentsOfAsync($"agency:{worker}")).SingleOrDefault(c => c.Amount != 7_000m));
        Assert.Equal(3_500.00m, ended.Amount);
    }

    [Fact]
    public async Task The_same_placement_events_delivered_twice_change_nothing()
    {
        // £500 a week in in-house foster care from 6 April 2026: 360 days to 31 March 2027: 500 × 360 / 7 = £25,714.29.
        var episode = Guid.NewGuid();
        var child = $"C{Random.Shared.Next(100_000_000, 999_999_999)}";
        var started = new PlacementStarted(episode, child, new DateOnly(2026, 4, 6), "S", "C2", "U4", "PR1", 500m);
        var forecastsBefore = await platform.CountOutboxAsync("ForecastUpdated", "payload->>'financialYear' = '2026' AND payload->>'budgetLineCode' = 'fostering-services'");

        await platform.PublishAsync(started);
        await platform.AppliedAsync(started.EventId);
        await platform.PublishAsync(started);
        // Ended 31 December 2026 (270 days: £19,285.71), delivered twice as well.
        var ended = new PlacementEnded(episode, child, new DateOnly(2026, 12, 31), "E11", null);
        await platform.PublishAsync(ended);
        await platform.AppliedAsync(ended.EventId);
        await platform.PublishAsync(ended);
        // The same started event once more, after the end: it must not re-open the placement's cost.
        await platform.PublishAsync(started);

        // Later events on the same queues prove the duplicates were consumed (each queue is FIFO).
        var markerStart = new PlacementStarted(Guid.NewGuid(), child, new DateOnly(2026, 4, 6), "P", "C2", "K2", "PR4", 1m);
        var markerEnd = new PlacementEnded(markerStart.EpisodeId, child, new DateOnly(2026, 4, 7), "E11", null);
        await platform.PublishAsync(markerStart);
        await platform.PublishAsync(markerEnd);
        await platform.AppliedAsync(markerStart.EventId);
        await platform.AppliedAsync(markerEnd.EventId);

        var commitment = Assert.Single(await platform.CommitmentsOfAsync($"placement:{episode}"));
        Assert.Equal(19_285.71m, decimal.Round(commitment.Amount, 2));
        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "inbox_messages", $"message_id = '{started.EventId}'"));
        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "inbox_messages", $"message_id = '{ended.EventId}'"));
        // One ForecastUpdated for the fostering line per distinct event, none for the three duplicates.
        Assert.Equal(forecastsBefore + 2, await platform.CountOutboxAsync("ForecastUpdated", "payload->>'financialYear' = '2026' AND payload->>'budgetLineCode' = 'fostering-services'"));
    }

    [Fact]
    public async Task A_burst_of_post_events_for_one_year_ends_with_the_full_forecast_and_one_threshold_crossing()
    {
        // 40 posts of £50,000 from 1 April 2047, delivered at once: £2,000,000 committed on a year with no budget, so
        // the overspend crosses the £1,000,000 threshold once. Consumers that find the year being recomputed defer
        // theirs; the last ForecastUpdated must still carry every post, and the crossing must be reported exactly once.
        const int year = 2047;
        var team = UniqueCode("BST");
        var posts = Enumerable.Range(0, 40)
            .Select(_ => new PostCreated(Guid.NewGuid(), team, "social-worker", "SW2", 1m, 50_000m, "fostering-services", new DateOnly(year, 4, 1)))
            .ToList();
        await Task.WhenAll(posts.Select(p => platform.PublishAsync(p)));
        foreach (var post in posts) await platform.AppliedAsync(post.EventId);

        var where = $"payload->>'financialYear' = '{year}'";
        var last = await EventuallyAsync(async () =>
        {
            var updates = await platform.OutboxPayloadsAsync("ForecastUpdated", $"{where} AND payload->>'budgetLineCode' = 'fostering-services'");
            return updates.Count > 0 && System.Text.Json.JsonDocument.Parse(updates[^1]).RootElement.GetProperty("totalForecast").GetDecimal() >= 2_000_000m
                ? updates[^1] : null;
        });
        Assert.Equal(2_000_000m, decimal.Round(System.Text.Json.JsonDocument.Parse(last).RootElement.GetProperty("forecast").GetDecimal(), 2));
        var crossings = await platform.OutboxPayloadsAsync("OverspendThresholdCrossed", where);
        var crossing = System.Text.Json.JsonDocument.Parse(Assert.Single(crossings)).RootElement;
        Assert.Equal("above", crossing.GetProperty("direction").GetString());
        Assert.True((await platform.ForecastAsync(year)).AboveThreshold);
    }
}
