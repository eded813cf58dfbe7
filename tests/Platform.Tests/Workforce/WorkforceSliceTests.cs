using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Platform.ServiceDefaults.Model;

namespace Platform.Tests.Workforce;

/// <summary>The Workforce vertical slice, driven through the gateway over HTTP.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class WorkforceSliceTests(PlatformFixture platform)
{
    private const string PostCreatedExchange = "Platform.Contracts.Workforce.V1:PostCreated";

    private sealed record PostDto(Guid Id, string TeamCode, string JobRole, decimal Fte, decimal AnnualCost, string BudgetLineCode, DateOnly EffectiveFrom, string Status);

    private sealed record VacancyDto(Guid Id, Guid PostId, DateOnly OpenedOn, DateOnly? FilledOn, string Status, int? DaysToFill);

    [Fact]
    public async Task HEAD_is_answered_like_GET_without_a_body()
    {
        using var get = await platform.Gateway.GetAsync("/api/workforce/teams?pageSize=1");
        using var head = await platform.Gateway.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/workforce/teams?pageSize=1"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        using var missing = await platform.Gateway.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/workforce/posts/{Guid.NewGuid()}"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_created_resource_is_located_under_the_gateways_path_and_can_be_read_there()
    {
        var code = $"LOC-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

        using var created = await platform.Gateway.PostAsJsonAsync("/api/workforce/teams", new { code, name = "Located team", directorate = "Children's Social Care" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/workforce/teams/{code}", created.Headers.Location?.OriginalString);
        using var read = await platform.Gateway.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Gateway_health_overview_reports_every_routed_service_healthy()
    {
        var response = await platform.Gateway.GetAsync("/health/services");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(body);
        foreach (var service in PlatformModel.Routed.Select(a => a.Name))
        {
            Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty(service).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_service_readiness_covers_what_it_uses_database_broker_and_redis_only_where_used_while_liveness_covers_only_the_process()
    {
        using var ready = JsonDocument.Parse(await platform.Gateway.GetStringAsync("/api/workforce/health"));
        using var alive = JsonDocument.Parse(await platform.Gateway.GetStringAsync("/api/workforce/alive"));

        var checks = ready.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        Assert.Contains("workforcedb", checks);
        Assert.Contains(checks, name => name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
        // Workforce keeps nothing in Redis, so Redis down must not make it unready; the board cache's owner depends on it.
        Assert.DoesNotContain("cache", checks);
        using var inspections = JsonDocument.Parse(await platform.Gateway.GetStringAsync("/api/inspections/health"));
        Assert.Contains("cache", inspections.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name));
        Assert.Equal(["self"], alive.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList());
    }

    [Fact]
    public async Task A_post_created_through_the_gateway_is_stored_read_back_and_published_in_the_same_trace()
    {
        var team = await CreateTeamAsync();
        await using var listener = await EventListener.BindAsync(PostCreatedExchange);

        // The caller's trace context must survive gateway → service → outbox → RabbitMQ.
        using var caller = new Activity("improvement-board caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        caller.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        var traceId = caller.TraceId;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workforce/posts")
        {
            Content = JsonContent.Create(new
            {
                teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1.0m, annualCost = 42_500.00m,
                budgetLineCode = "social-work", effectiveFrom = "2019-10-01",
            }),
        };
        var created = await (await platform.Gateway.SendAsync(request)).ReadAsync<PostDto>();

        var readBack = await (await platform.Gateway.GetAsync($"/api/workforce/posts/{created.Id}")).ReadAsync<PostDto>();
        Assert.Equal(team, readBack.TeamCode);
        Assert.Equal(42_500.00m, readBack.AnnualCost);
        Assert.Equal(new DateOnly(2019, 10, 1), readBack.EffectiveFrom);
        Assert.Equal("funded", readBack.Status);

        var message = await listener.WaitForAsync(body => body.Contains(created.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains("42500", message.Body, StringComparison.Ordinal);
        Assert.Contains(traceId.ToString(), message.Headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_and_filling_a_vacancy_moves_the_post_and_reports_time_to_fill()
    {
        var team = await CreateTeamAsync();
        var post = await (await platform.Gateway.PostJsonAsync("/api/workforce/posts", new
        {
            teamCode = team, jobRole = "team-manager", grade = "TM1", fte = 1m, annualCost = 55_000m,
            budgetLineCode = "social-work", effectiveFrom = "2019-04-01",
        })).ReadAsync<PostDto>();

        var vacancy = await (await platform.Gateway.PostJsonAsync($"/api/workforce/posts/{post.Id}/vacancies", new { openedOn = "2019-06-03" })).ReadAsync<VacancyDto>();
        var secondOpen = await platform.Gateway.PostJsonAsync($"/api/workforce/posts/{post.Id}/vacancies", new { openedOn = "2019-06-04" });
        var filled = await (await platform.Gateway.PostJsonAsync($"/api/workforce/vacancies/{vacancy.Id}/fill", new { filledOn = "2019-08-12" })).ReadAsync<VacancyDto>();
        var after = await (await platform.Gateway.GetAsync($"/api/workforce/posts/{post.Id}")).ReadAsync<PostDto>();

        Assert.Equal(HttpStatusCode.Conflict, secondOpen.StatusCode);
        Assert.Equal(70, filled.DaysToFill);
        Assert.Equal("filled", after.Status);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_nothing_is_stored_or_published()
    {
        var team = await CreateTeamAsync();
        var postsBefore = await platform.CountRowsAsync("posts");
        // Post events only: Workforce's measure publisher adds MeasureSeriesPublished rows on its own schedule (after an
        // earlier change, such as the team just created), which says nothing about what the bad input let through.
        const string postEvents = "message_type LIKE '%.Post%'";
        var outboxBefore = await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "outbox_messages", postEvents);

        var wrongType = await platform.Gateway.PostAsync("/api/workforce/posts", new StringContent(
            $$"""{"teamCode":"{{team}}","jobRole":"social-worker","grade":"SW2","fte":"full-time","annualCost":1,"budgetLineCode":"social-work","effectiveFrom":"2019-10-01"}""",
            Encoding.UTF8, "application/json"));
        var missingAndOutOfRange = await platform.Gateway.PostJsonAsync("/api/workforce/posts", new
        {
            teamCode = team, grade = "SW2", fte = 1.5m, annualCost = 1m, budgetLineCode = "not-a-line", effectiveFrom = "2019-10-01",
        });
        var malformed = await platform.Gateway.PostAsync("/api/workforce/posts", new StringContent("{\"teamCode\":", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(wrongType, "fte");
        await AssertProblemAsync(missingAndOutOfRange, "jobRole", "fte", "budgetLineCode");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(postsBefore, await platform.CountRowsAsync("posts"));
        Assert.Equal(outboxBefore, await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "outbox_messages", postEvents));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        var errors = problem.RootElement.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}' in {body}");
        }
    }

    private async Task<string> CreateTeamAsync()
    {
        var code = $"T-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();
        var response = await platform.Gateway.PostJsonAsync("/api/workforce/teams", new { code, name = "Children in Care", directorate = "Children's Social Care" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return code;
    }
}
