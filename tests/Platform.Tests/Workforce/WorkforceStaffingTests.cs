using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Tests.Workforce;

/// <summary>Workers, caseloads, supervision and post history in the Workforce service, through the gateway.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class WorkforceStaffingTests(PlatformFixture platform)
{
    private const string Breaches = "Platform.Contracts.Workforce.V1:CaseloadThresholdBreached";
    private const string CaseloadChanges = "Platform.Contracts.Workforce.V1:CaseloadChanged";

    private sealed record Created(Guid Id);

    private sealed record WorkerCaseload(Guid WorkerId, int Caseload, string Level, List<string> CaseReferences);

    private sealed record PostDto(Guid Id, string Status, decimal AnnualCost, string Grade);

    [Fact]
    public async Task A_caseload_threshold_breach_is_raised_once_per_upward_crossing()
    {
        // Personal advisers get their own low thresholds here; no other test uses that role.
        (await platform.Gateway.PutAsJsonAsync("/api/workforce/caseload-thresholds/personal-adviser", new { warning = 2, critical = 3 })).EnsureSuccessStatusCode();
        var team = await CreateTeamAsync();
        var worker = await StartWorkerAsync(team, "personal-adviser", "2019-04-01");
        await using var breaches = await EventListener.BindAsync(Breaches);
        await using var changes = await EventListener.BindAsync(CaseloadChanges);

        // 1, 2, 3 (over warning), 4 (over critical), 5, back to 2, then 3 again (over warning a second time).
        foreach (var reference in new[] { "C1", "C2", "C3", "C4", "C5" }) await AllocateAsync(worker, reference, "2019-05-01");
        foreach (var reference in new[] { "C5", "C4", "C3" }) await ReleaseAsync(worker, reference, "2019-06-01");
        var last = await AllocateAsync(worker, "C6", "2019-07-01");

        Assert.Equal(3, last.Caseload);
        Assert.Equal("warning", last.Level);
        for (var i = 0; i < 9; i++) await changes.WaitForAsync(body => body.Contains(worker.ToString(), StringComparison.Ordinal));
        var raised = (await breaches.DrainAsync(TimeSpan.FromSeconds(2)))
            .Where(body => body.Contains(worker.ToString(), StringComparison.Ordinal))
            .Select(body => JsonDocument.Parse(body).RootElement.GetProperty("message"))
            .Select(m => (m.GetProperty("level").GetString(), m.GetProperty("caseload").GetInt32(), m.GetProperty("breachedOn").GetString()))
            .ToList();
        Assert.Equal([("warning", 3, "2019-05-01"), ("critical", 4, "2019-05-01"), ("warning", 3, "2019-07-01")], raised);
    }

    [Fact]
    public async Task Caseloads_are_answered_for_past_dates_per_worker_and_per_team()
    {
        var team = await CreateTeamAsync();
        var first = await StartWorkerAsync(team, "social-worker", "2019-01-07");
        var second = await StartWorkerAsync(team, "social-worker", "2019-01-07", fte: 0.5m);
        for (var i = 0; i < 24; i++) await AllocateAsync(first, $"{team}-A{i}", "2019-02-01");
        for (var i = 0; i < 6; i++) await AllocateAsync(second, $"{team}-B{i}", "2019-02-01");
        for (var i = 0; i < 10; i++) await ReleaseAsync(first, $"{team}-A{i}", "2019-09-01");

        var february = await ReadJsonAsync($"/api/workforce/teams/{team}/caseloads?asAt=2019-03-01");
        var october = await ReadJsonAsync($"/api/workforce/teams/{team}/caseloads?asAt=2019-10-01");
        var firstInMarch = await (await platform.Gateway.GetAsync($"/api/workforce/staff/{first}/cases?asAt=2019-03-01")).ReadAsync<WorkerCaseload>();

        // 30 cases over 1.5 FTE = 20.00 per FTE; one worker over the default warning of 20.
        Assert.Equal(30, february.GetProperty("cases").GetInt32());
        Assert.Equal(20.00m, february.GetProperty("averageCaseloadPerFte").GetDecimal());
        Assert.Equal(1, february.GetProperty("workersOverWarning").GetInt32());
        // 20 cases over 1.5 FTE = 13.33; nobody over.
        Assert.Equal(13.33m, october.GetProperty("averageCaseloadPerFte").GetDecimal());
        Assert.Equal(0, october.GetProperty("workersOverWarning").GetInt32());
        Assert.Equal(24, firstInMarch.Caseload);
        Assert.Equal("warning", firstInMarch.Level);
    }

    [Fact]
    public async Task A_case_is_held_by_one_worker_at_a_time_and_names_are_refused_as_references()
    {
        var team = await CreateTeamAsync();
        var first = await StartWorkerAsync(team, "social-worker", "2019-01-07");
        var second = await StartWorkerAsync(team, "social-worker", "2019-01-07");
        await AllocateAsync(first, $"{team}-X1", "2019-02-01");

        var twice = await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{second}/cases", new { caseReference = $"{team}-X1", allocatedOn = "2019-02-02" });
        var name = await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{second}/cases", new { caseReference = "JaneSmith", allocatedOn = "2019-02-02" });
        var beforeStart = await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{second}/cases", new { caseReference = $"{team}-X2", allocatedOn = "2018-12-01" });

        await Problem.AssertFieldAsync(twice, HttpStatusCode.Conflict, "caseReference");
        await Problem.AssertFieldAsync(name, HttpStatusCode.BadRequest, "caseReference");
        await Problem.AssertFieldAsync(beforeStart, HttpStatusCode.BadRequest, "allocatedOn");
        var secondNow = await (await platform.Gateway.GetAsync($"/api/workforce/staff/{second}/cases")).ReadAsync<WorkerCaseload>();
        Assert.Equal(0, secondNow.Caseload);

        // A transfer moves it in one step: held by the first worker up to the day before, by the second from that day.
        var moved = await (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{first}/cases/{team}-X1/transfer",
            new { toWorkerId = second, transferredOn = "2019-03-01" })).ReadAsync<WorkerCaseload>();
        var firstBefore = await (await platform.Gateway.GetAsync($"/api/workforce/staff/{first}/cases?asAt=2019-02-28")).ReadAsync<WorkerCaseload>();
        var firstAfter = await (await platform.Gateway.GetAsync($"/api/workforce/staff/{first}/cases?asAt=2019-03-01")).ReadAsync<WorkerCaseload>();
        Assert.Equal([$"{team}-X1"], moved.CaseReferences);
        Assert.Equal((1, 0), (firstBefore.Caseload, firstAfter.Caseload));
    }

    [Fact]
    public async Task Supervision_due_dates_overdue_lists_and_team_compliance_follow_the_sessions_recorded()
    {
        var team = await CreateTeamAsync();
        var supervised = await StartWorkerAsync(team, "social-worker", "2019-01-01");
        var neglected = await StartWorkerAsync(team, "social-worker", "2019-01-01");
        var session = await (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{supervised}/supervisions", new { heldOn = "2019-02-01" })).ReadAsync<JsonElement>();

        // Default interval 30 days: due 3 March for the supervised worker, 31 January for the one never supervised.
        Assert.Equal("2019-03-03", session.GetProperty("nextDueOn").GetString());
        var mid = await ReadJsonAsync($"/api/workforce/supervision/compliance?asAt=2019-02-15");
        var late = await ReadJsonAsync($"/api/workforce/supervision/compliance?asAt=2019-03-10");
        Assert.Equal(0.5m, TeamRate(mid, team));
        Assert.Equal(0m, TeamRate(late, team));
        var overdue = await ReadJsonAsync($"/api/workforce/supervision/overdue?asAt=2019-03-10&teamCode={team}");
        Assert.Equal(2, overdue.GetProperty("totalCount").GetInt32());
        var neglectedRow = overdue.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("workerId").GetGuid() == neglected);
        Assert.Equal("2019-01-31", neglectedRow.GetProperty("dueOn").GetString());
        Assert.Equal(38, neglectedRow.GetProperty("daysOverdue").GetInt32());
    }

    [Fact]
    public async Task A_missed_supervision_is_raised_once_per_due_date()
    {
        var team = await CreateTeamAsync();
        var worker = await StartWorkerAsync(team, "social-worker", "2001-01-01");
        await using var overdue = await EventListener.BindAsync("Platform.Contracts.Workforce.V1:SupervisionOverdue");

        var first = await ReadJsonAsync("/api/workforce/supervision/overdue-check", new { asAt = "2001-03-01" });
        var again = await ReadJsonAsync("/api/workforce/supervision/overdue-check", new { asAt = "2001-03-05" });

        Assert.True(first.GetProperty("raised").GetInt32() >= 1);
        Assert.Equal(0, again.GetProperty("raised").GetInt32());
        var message = await overdue.WaitForAsync(body => body.Contains(worker.ToString(), StringComparison.Ordinal));
        Assert.Equal("2001-01-31", Message(message.Body).GetProperty("dueOn").GetString());
        Assert.DoesNotContain((await overdue.DrainAsync(TimeSpan.FromSeconds(1))), body => body.Contains(worker.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_filled_post_cannot_be_deleted_and_its_history_answers_for_any_date()
    {
        var team = await CreateTeamAsync();
        var post = await (await platform.Gateway.PostJsonAsync("/api/workforce/posts", new
        {
            teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 42_000m, budgetLineCode = "social-work", effectiveFrom = "2019-04-01",
        })).ReadAsync<PostDto>();
        var worker = await StartWorkerAsync(team, "social-worker", "2019-05-01", postId: post.Id);
        await AllocateAsync(worker, $"{team}-P1", "2019-05-02");

        var deleteFilled = await platform.Gateway.PostJsonAsync($"/api/workforce/posts/{post.Id}/delete", new { effectiveOn = "2019-06-01" });
        var leaveWithCases = await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{worker}/leave", new { leftOn = "2019-06-30", leavingReason = "resignation" });
        await Problem.AssertFieldAsync(deleteFilled, HttpStatusCode.Conflict, "postId");
        await Problem.AssertFieldAsync(leaveWithCases, HttpStatusCode.Conflict, "leftOn");

        await ReleaseAsync(worker, $"{team}-P1", "2019-06-28");
        (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{worker}/leave", new { leftOn = "2019-06-30", leavingReason = "resignation" })).EnsureSuccessStatusCode();
        (await platform.Gateway.PostJsonAsync($"/api/workforce/posts/{post.Id}/changes", new { effectiveFrom = "2019-08-01", grade = "SW3", annualCost = 45_000m })).EnsureSuccessStatusCode();
        (await platform.Gateway.PostJsonAsync($"/api/workforce/posts/{post.Id}/delete", new { effectiveOn = "2019-10-01" })).EnsureSuccessStatusCode();

        async Task<PostDto> AsAt(string date) => await (await platform.Gateway.GetAsync($"/api/workforce/posts/{post.Id}?asAt={date}")).ReadAsync<PostDto>();
        Assert.Equal(("funded", 42_000m), ((await AsAt("2019-04-15")).Status, (await AsAt("2019-04-15")).AnnualCost));
        Assert.Equal("filled", (await AsAt("2019-06-30")).Status);
        Assert.Equal("funded", (await AsAt("2019-07-01")).Status);
        Assert.Equal(("funded", 45_000m, "SW3"), ((await AsAt("2019-09-01")).Status, (await AsAt("2019-09-01")).AnnualCost, (await AsAt("2019-09-01")).Grade));
        Assert.Equal("deleted", (await AsAt("2019-10-01")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Gateway.GetAsync($"/api/workforce/posts/{post.Id}?asAt=2019-03-31")).StatusCode);
    }

    [Fact]
    public async Task An_agency_worker_covering_a_vacant_post_is_published_with_the_day_rate_and_leaves_the_post_vacant()
    {
        var team = await CreateTeamAsync();
        var post = await (await platform.Gateway.PostJsonAsync("/api/workforce/posts", new
        {
            teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 42_000m, budgetLineCode = "social-work", effectiveFrom = "2019-04-01",
        })).ReadAsync<PostDto>();
        (await platform.Gateway.PostJsonAsync($"/api/workforce/posts/{post.Id}/vacancies", new { openedOn = "2019-04-01" })).EnsureSuccessStatusCode();
        await using var engaged = await EventListener.BindAsync("Platform.Contracts.Workforce.V1:AgencyWorkerEngaged");

        var agency = await platform.Gateway.PostJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole = "social-worker", employmentType = "agency", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = "SW99001", postId = post.Id, startDate = "2019-05-01", agencyDayRate = 320.00m,
        });
        var noRate = await platform.Gateway.PostJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole = "social-worker", employmentType = "agency", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = "SW99002", startDate = "2019-05-01",
        });

        var id = (await agency.ReadAsync<Created>()).Id;
        var message = await engaged.WaitForAsync(body => body.Contains(id.ToString(), StringComparison.Ordinal));
        // Contracts carry money as JSON strings so no consumer rounds it through a double.
        Assert.Equal("320.00", Message(message.Body).GetProperty("dayRate").GetString());
        Assert.Equal("vacant", (await (await platform.Gateway.GetAsync($"/api/workforce/posts/{post.Id}")).ReadAsync<PostDto>()).Status);
        await Problem.AssertFieldAsync(noRate, HttpStatusCode.BadRequest, "agencyDayRate");
    }

    private static JsonElement Message(string envelope) => JsonDocument.Parse(envelope).RootElement.GetProperty("message").Clone();

    private static decimal TeamRate(JsonElement compliance, string team) =>
        compliance.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("teamCode").GetString() == team).GetProperty("complianceRate").GetDecimal();

    private async Task<JsonElement> ReadJsonAsync(string path, object? body = null)
    {
        var response = body is null ? await platform.Gateway.GetAsync(path) : await platform.Gateway.PostJsonAsync(path, body);
        return await response.ReadAsync<JsonElement>();
    }

    private async Task<WorkerCaseload> AllocateAsync(Guid worker, string reference, string on) =>
        await (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{worker}/cases", new { caseReference = reference, allocatedOn = on })).ReadAsync<WorkerCaseload>();

    private async Task ReleaseAsync(Guid worker, string reference, string on) =>
        await (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{worker}/cases/{reference}/release", new { releasedOn = on })).ReadAsync<WorkerCaseload>();

    private async Task<Guid> StartWorkerAsync(string team, string jobRole, string startDate, decimal fte = 1m, Guid? postId = null)
    {
        var response = await platform.Gateway.PostJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole, employmentType = "employed", fte, isQualifiedSocialWorker = true,
            registrationNumber = $"SW{Random.Shared.Next(10000, 99999)}", postId, startDate,
        });
        return (await response.ReadAsync<Created>()).Id;
    }

    private async Task<string> CreateTeamAsync()
    {
        var code = $"S-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();
        (await platform.Gateway.PostJsonAsync("/api/workforce/teams", new { code, name = "Safeguarding", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        return code;
    }
}
