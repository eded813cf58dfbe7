using System.Net;
using System.Text.Json;

namespace Platform.Tests.Workforce;

/// <summary>Restructure programmes under the UK collective-consultation rules, and the census KPIs, through the gateway.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class WorkforceRestructureTests(PlatformFixture platform)
{
    private sealed record Created(Guid Id);

    private sealed record PostDto(Guid Id, string Status);

    private sealed record Worker(Guid Id, DateOnly? LeftOn, string? LeavingReason, Guid? PostId, string TeamCode);

    [Fact]
    public async Task The_consultation_period_follows_the_number_of_proposed_redundancies_within_90_days()
    {
        var team = await CreateTeamAsync();
        var programme = await CreateProgrammeAsync();
        // Vacant posts deleted dismiss nobody; ten dismissals in June and ten in December never fall within one 90 days.
        foreach (var post in await FilledPostsAsync(team, 5, filled: false)) await ProposeDeleteAsync(programme, post, "2019-06-01");
        foreach (var post in await FilledPostsAsync(team, 10)) await ProposeDeleteAsync(programme, post, "2019-06-01");
        foreach (var post in await FilledPostsAsync(team, 10)) await ProposeDeleteAsync(programme, post, "2019-12-01");

        var spread = await ConsultationAsync(programme);
        Assert.Equal(20, spread.GetProperty("proposedDismissals").GetInt32());
        Assert.Equal(10, spread.GetProperty("proposedDismissalsIn90Days").GetInt32());
        Assert.Equal(5, spread.GetProperty("vacantPostDeletions").GetInt32());
        Assert.False(spread.GetProperty("collectiveConsultationRequired").GetBoolean());

        // Ten more in July: twenty within 90 days of 1 June → 30 days before the first dismissal (31 May).
        foreach (var post in await FilledPostsAsync(team, 10)) await ProposeDeleteAsync(programme, post, "2019-07-15");
        var twenty = await ConsultationAsync(programme);
        Assert.True(twenty.GetProperty("collectiveConsultationRequired").GetBoolean());
        Assert.Equal(30, twenty.GetProperty("minimumConsultationDays").GetInt32());
        Assert.Equal("2019-05-01", twenty.GetProperty("consultationMustStartBy").GetString());
        Assert.True(twenty.GetProperty("hr1Required").GetBoolean());

        // A hundred within 90 days → 45 days.
        foreach (var post in await FilledPostsAsync(team, 80)) await ProposeDeleteAsync(programme, post, "2019-08-01");
        var hundred = await ConsultationAsync(programme);
        Assert.Equal(100, hundred.GetProperty("proposedDismissalsIn90Days").GetInt32());
        Assert.Equal(45, hundred.GetProperty("minimumConsultationDays").GetInt32());
        Assert.Equal("2019-04-16", hundred.GetProperty("consultationMustStartBy").GetString());
    }

    [Fact]
    public async Task Approval_waits_for_consultation_started_in_time_and_HR1()
    {
        var team = await CreateTeamAsync();
        var programme = await CreateProgrammeAsync();
        var proposals = new List<Guid>();
        foreach (var post in await FilledPostsAsync(team, 20)) proposals.Add(await ProposeDeleteAsync(programme, post, "2019-09-01"));

        var noConsultation = await Approve(programme, proposals[0], "2019-08-20");
        await Record(programme, new { consultationStartedOn = "2019-08-15" });
        var tooLate = await Approve(programme, proposals[0], "2019-08-20");
        await Record(programme, new { consultationStartedOn = "2019-07-01" });
        var noHr1 = await Approve(programme, proposals[0], "2019-08-20");
        await Record(programme, new { hr1SubmittedOn = "2019-07-01" });
        var approved = await Approve(programme, proposals[0], "2019-08-20");

        await Problem.AssertFieldAsync(noConsultation, HttpStatusCode.Conflict, "consultationStartedOn");
        await Problem.AssertFieldAsync(tooLate, HttpStatusCode.Conflict, "consultationStartedOn");
        await Problem.AssertFieldAsync(noHr1, HttpStatusCode.Conflict, "hr1SubmittedOn");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.True((await ConsultationAsync(programme)).GetProperty("compliant").GetBoolean());
    }

    [Fact]
    public async Task A_filled_post_is_not_deleted_without_a_redundancy_or_redeployment_outcome()
    {
        var team = await CreateTeamAsync();
        var programme = await CreateProgrammeAsync();
        var posts = await FilledPostsAsync(team, 2);
        var (leaving, moving) = (await OccupantAsync(posts[0]), await OccupantAsync(posts[1]));
        var deleteLeaving = await ProposeDeleteAsync(programme, posts[0], "2019-10-01");
        var deleteMoving = await ProposeDeleteAsync(programme, posts[1], "2019-10-01");
        var newPost = (await (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/proposals", new
        {
            kind = "create-post", teamCode = team, jobRole = "senior-social-worker", grade = "SW3", fte = 1m, annualCost = 47_000m,
            budgetLineCode = "social-work", effectiveOn = "2019-10-01",
        })).ReadAsync<Created>()).Id;
        foreach (var proposal in new[] { deleteLeaving, deleteMoving, newPost }) (await Approve(programme, proposal, "2019-09-01")).EnsureSuccessStatusCode();
        await using var redundancies = await EventListener.BindAsync("Platform.Contracts.Workforce.V1:RedundancyConfirmed");

        var refused = await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/implement", new { upTo = "2019-12-31" });
        await Problem.AssertFieldAsync(refused, HttpStatusCode.Conflict, "outcome");
        Assert.Equal("filled", (await (await platform.Gateway.GetAsync($"/api/workforce/posts/{posts[0]}")).ReadAsync<PostDto>()).Status);

        var application = (await (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/voluntary-redundancies",
            new { workerId = leaving, redundancyCost = 18_250.50m, appliedOn = "2019-09-02" })).ReadAsync<Created>()).Id;
        (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/voluntary-redundancies/{application}/accept", new { decidedOn = "2019-09-10" })).EnsureSuccessStatusCode();
        (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/proposals/{deleteMoving}/outcome",
            new { outcome = "redeployment", redeployToPostId = newPost })).EnsureSuccessStatusCode();
        var implemented = await (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/implement", new { upTo = "2019-12-31" })).ReadAsync<JsonElement>();

        Assert.Equal(3, implemented.GetProperty("implemented").GetInt32());
        var redundancy = await redundancies.WaitForAsync(body => body.Contains(leaving.ToString(), StringComparison.Ordinal));
        using (var envelope = JsonDocument.Parse(redundancy.Body))
        {
            var message = envelope.RootElement.GetProperty("message");
            Assert.Equal("18250.50", message.GetProperty("redundancyCost").GetString());
            Assert.True(message.GetProperty("isVoluntary").GetBoolean());
            Assert.Equal("2019-09-30", message.GetProperty("dismissalDate").GetString());
        }
        var left = await (await platform.Gateway.GetAsync($"/api/workforce/staff/{leaving}")).ReadAsync<Worker>();
        var moved = await (await platform.Gateway.GetAsync($"/api/workforce/staff/{moving}")).ReadAsync<Worker>();
        Assert.Equal((new DateOnly(2019, 9, 30), "redundancy"), (left.LeftOn, left.LeavingReason));
        Assert.Null(moved.LeftOn);
        Assert.NotEqual(posts[1], moved.PostId);
        Assert.Equal("filled", (await (await platform.Gateway.GetAsync($"/api/workforce/posts/{moved.PostId}")).ReadAsync<PostDto>()).Status);
        Assert.Equal("deleted", (await (await platform.Gateway.GetAsync($"/api/workforce/posts/{posts[0]}")).ReadAsync<PostDto>()).Status);

        // Finance charges the redundancy once, in 2019-20, on the deleted post's line.
        var charged = await EventuallyAsync(async () =>
        {
            var page = await (await platform.Gateway.GetAsync($"/api/finance/commitments?financialYear=2019&source=redundancy:{application}")).ReadAsync<JsonElement>();
            return page.GetProperty("items").GetArrayLength() == 1 ? page.GetProperty("items")[0].Clone() : (JsonElement?)null;
        });
        Assert.Equal(18_250.50m, charged.GetProperty("amount").GetDecimal());
        Assert.Equal("social-work", charged.GetProperty("budgetLineCode").GetString());
        Assert.Equal("2019-09-30", charged.GetProperty("committedFrom").GetString());
    }

    [Fact]
    public async Task Recruitment_to_the_posts_a_restructure_creates_counts_each_month_end_filled_covered_by_agency_and_vacant()
    {
        var team = await CreateTeamAsync();
        var programme = await CreateProgrammeAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/proposals", new
            {
                kind = "create-post", teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 42_500m,
                budgetLineCode = "social-work", effectiveOn = "2019-10-01",
            })).ReadAsync<Created>()).Id);
        }
        foreach (var proposal in created) (await Approve(programme, proposal, "2019-09-15")).EnsureSuccessStatusCode();
        (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/implement", new { upTo = "2019-12-31" })).EnsureSuccessStatusCode();
        var proposals = await (await platform.Gateway.GetAsync($"/api/workforce/restructures/{programme}/proposals")).ReadAsync<JsonElement>();
        var posts = proposals.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("postId").GetGuid()).ToList();
        // One post filled by an employee from mid-November, one covered by an agency worker from December, one vacant.
        (await platform.Gateway.PostJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole = "social-worker", employmentType = "employed", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = "SW78001", postId = posts[0], startDate = "2019-11-15",
        })).EnsureSuccessStatusCode();
        (await platform.Gateway.PostJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole = "social-worker", employmentType = "agency", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = "SW78002", postId = posts[1], startDate = "2019-12-01", agencyDayRate = 320m,
        })).EnsureSuccessStatusCode();

        var answer = await (await platform.Gateway.GetAsync($"/api/workforce/restructures/{programme}/recruitment?from=2019-08-01&to=2020-01-15")).ReadAsync<JsonElement>();
        Assert.Equal(3, answer.GetProperty("plannedPosts").GetInt32());
        var months = answer.GetProperty("months").EnumerateArray()
            .Select(m => (m.GetProperty("monthEnd").GetString(), m.GetProperty("planned").GetInt32(), m.GetProperty("created").GetInt32(),
                m.GetProperty("filled").GetInt32(), m.GetProperty("coveredByAgency").GetInt32(), m.GetProperty("vacant").GetInt32()))
            .ToList();
        Assert.Equal(
        [
            ("2019-08-31", 0, 0, 0, 0, 0),
            ("2019-09-30", 3, 0, 0, 0, 0),
            ("2019-10-31", 3, 3, 0, 0, 3),
            ("2019-11-30", 3, 3, 1, 0, 2),
            ("2019-12-31", 3, 3, 1, 1, 1),
            ("2020-01-31", 3, 3, 1, 1, 1),
        ], months);

        var backwards = await platform.Gateway.GetAsync($"/api/workforce/restructures/{programme}/recruitment?from=2020-01-01&to=2019-01-01");
        await Problem.AssertFieldAsync(backwards, HttpStatusCode.BadRequest, "from");
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Gateway.GetAsync($"/api/workforce/restructures/{Guid.NewGuid()}/recruitment")).StatusCode);
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "Finance did not commit the redundancy within 30 seconds.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task KPIs_for_a_past_date_do_not_move_when_later_events_arrive_and_the_census_export_has_the_DfE_columns()
    {
        var team = await CreateTeamAsync();
        // Two employed social workers (1.0 and 0.5 FTE) in posts, one vacant post covered by a 1.0 FTE agency worker.
        var posts = await FilledPostsAsync(team, 2, fte: [1m, 0.5m]);
        var vacant = (await FilledPostsAsync(team, 1, filled: false))[0];
        (await platform.Gateway.PostJsonAsync($"/api/workforce/posts/{vacant}/vacancies", new { openedOn = "2019-04-01" })).EnsureSuccessStatusCode();
        var agency = (await (await platform.Gateway.PostJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole = "social-worker", employmentType = "agency", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = "SW77001", postId = vacant, startDate = "2019-04-01", agencyDayRate = 300m,
        })).ReadAsync<Created>()).Id;
        var (full, half) = (await OccupantAsync(posts[0]), await OccupantAsync(posts[1]));
        for (var i = 0; i < 10; i++) await Allocate(full, $"{team}-F{i}");
        for (var i = 0; i < 6; i++) await Allocate(half, $"{team}-H{i}");
        for (var i = 0; i < 8; i++) await Allocate(agency, $"{team}-A{i}");

        var before = await TeamKpisAsync(team, "2019-09-30");
        // Later: the half-time worker's cases move to the agency worker and they leave; 30 September must not change.
        for (var i = 0; i < 6; i++)
        {
            (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{half}/cases/{team}-H{i}/release", new { releasedOn = "2019-11-01" })).EnsureSuccessStatusCode();
        }
        (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{half}/leave", new { leftOn = "2019-11-01", leavingReason = "resignation" })).EnsureSuccessStatusCode();
        var after = await TeamKpisAsync(team, "2019-09-30");
        var december = await TeamKpisAsync(team, "2019-12-01");

        // Agency rate 1.0 / (1.0 + 1.5) = 0.4; vacancy rate 1.0 / (1.0 + 1.5) = 0.4; 24 cases over 2.5 FTE = 9.6.
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal(1.5m, before.GetProperty("inPostFte").GetDecimal());
        Assert.Equal(0.4m, before.GetProperty("agencyRateFte").GetDecimal());
        Assert.Equal(0.4m, before.GetProperty("vacancyRateFte").GetDecimal());
        Assert.Equal(24, before.GetProperty("cases").GetInt32());
        Assert.Equal(9.6m, before.GetProperty("caseloadFte").GetDecimal());
        // December: 1.0 employed FTE, 0.5 FTE vacant post left behind; the leaver counts in turnover (0.5 / 1.0).
        Assert.Equal(1.0m, december.GetProperty("inPostFte").GetDecimal());
        Assert.Equal(0.6m, december.GetProperty("vacancyRateFte").GetDecimal());
        Assert.Equal(0.5m, december.GetProperty("turnoverRateFte").GetDecimal());

        var census = await platform.Gateway.GetAsync("/api/workforce/census?asAt=2019-09-30");
        Assert.Equal("text/csv", census.Content.Headers.ContentType?.MediaType);
        var lines = (await census.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("time_period,census_date,team_code,inpost_fte,inpost_headcount,starters_fte,leavers_fte,turnover_rate_fte,agency_fte,agency_rate_fte,"
            + "agency_cover_fte,vacancy_fte,vacancy_rate_fte,case_holders_fte,cases,caseload_fte,working_days_lost_fte,absence_rate_fte", lines[0]);
        Assert.Contains($"2019,2019-09-30,{team},1.5,2,1.5,0,0.0,1,40.0,1,1,40.0,2.5,24,9.6,0,0.0", lines);
        Assert.StartsWith("2019,2019-09-30,ALL,", lines[^1], StringComparison.Ordinal);
    }

    private async Task<JsonElement> TeamKpisAsync(string team, string asAt)
    {
        var kpis = await (await platform.Gateway.GetAsync($"/api/workforce/kpis?asAt={asAt}")).ReadAsync<JsonElement>();
        return kpis.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("teamCode").GetString() == team).Clone();
    }

    private async Task Allocate(Guid worker, string reference) =>
        (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{worker}/cases", new { caseReference = reference, allocatedOn = "2019-05-01" })).EnsureSuccessStatusCode();

    private async Task<Guid> OccupantAsync(Guid post)
    {
        var history = await (await platform.Gateway.GetAsync($"/api/workforce/posts/{post}/history")).ReadAsync<JsonElement>();
        return history.EnumerateArray().Last().GetProperty("occupantId").GetGuid();
    }

    /// <summary>Social worker posts from 1 April 2019, each filled on 1 May 2019 by a new employed worker unless <paramref name="filled"/> is false.</summary>
    private async Task<List<Guid>> FilledPostsAsync(string team, int count, bool filled = true, decimal[]? fte = null)
    {
        var posts = new List<Guid>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(10))
        {
            posts.AddRange(await Task.WhenAll(chunk.Select(async i =>
            {
                var postFte = fte?[i] ?? 1m;
                var post = (await (await platform.Gateway.PostJsonAsync("/api/workforce/posts", new
                {
                    teamCode = team, jobRole = "social-worker", grade = "SW2", fte = postFte, annualCost = 42_000m * postFte,
                    budgetLineCode = "social-work", effectiveFrom = "2019-04-01",
                })).ReadAsync<Created>()).Id;
                if (filled)
                {
                    (await platform.Gateway.PostJsonAsync("/api/workforce/staff", new
                    {
                        teamCode = team, jobRole = "social-worker", employmentType = "employed", fte = postFte, isQualifiedSocialWorker = true,
                        registrationNumber = $"SW{Random.Shared.Next(10000, 99999)}", postId = post, startDate = "2019-05-01",
                    })).EnsureSuccessStatusCode();
                }
                return post;
            })));
        }
        return posts;
    }

    private async Task<Guid> ProposeDeleteAsync(Guid programme, Guid post, string effectiveOn) =>
        (await (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/proposals", new { kind = "delete-post", postId = post, effectiveOn }))
            .ReadAsync<Created>()).Id;

    private Task<HttpResponseMessage> Approve(Guid programme, Guid proposal, string approvedOn) =>
        platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/proposals/{proposal}/approve", new { approvedOn });

    private async Task Record(Guid programme, object consultation) =>
        (await platform.Gateway.PostJsonAsync($"/api/workforce/restructures/{programme}/consultation", consultation)).EnsureSuccessStatusCode();

    private async Task<JsonElement> ConsultationAsync(Guid programme) =>
        await (await platform.Gateway.GetAsync($"/api/workforce/restructures/{programme}/consultation")).ReadAsync<JsonElement>();

    private async Task<Guid> CreateProgrammeAsync() =>
        (await (await platform.Gateway.PostJsonAsync("/api/workforce/restructures", new { name = "Investing in Children 2019", establishment = "Civic Centre" })).ReadAsync<Created>()).Id;

    private async Task<string> CreateTeamAsync()
    {
        var code = $"R-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();
        (await platform.Gateway.PostJsonAsync("/api/workforce/teams", new { code, name = "Assessment", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        return code;
    }
}
