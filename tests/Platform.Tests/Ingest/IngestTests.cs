using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Ingest.Domain;
using Platform.ServiceDefaults.Security;
using RabbitMQ.Client;
using static Platform.Tests.IngestTestKit;

namespace Platform.Tests.Ingest;

/// <summary>Departmental event ingest through the gateway: API keys, CloudEvents over HTTP, AMQP, and each type's effect.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class IngestTests(PlatformFixture platform)
{
    private static readonly string[] LeaverOnly = ["hr.leaver.v1"];

    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_refused_with_401_once_revoked()
    {
        var team = await platform.CreateTeamAsync();
        var key = await platform.CreateKeyAsync(["hr.starter.v1"]);
        await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team))).AcceptedAsync();

        var listed = await platform.Gateway.GetStringAsync("/api/ingest/keys?pageSize=200");
        Assert.Contains(key.Id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key, listed, StringComparison.Ordinal);
        var single = await platform.Gateway.GetStringAsync($"/api/ingest/keys/{key.Id}");
        Assert.DoesNotContain(key.Key.Split('_')[2], single, StringComparison.Ordinal);

        using (var workforce = platform.CreateClient(PlatformRoles.WorkforceManager))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await workforce.PostAsJsonAsync($"/api/ingest/keys/{key.Id}/revoke", new { })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PostAsJsonAsync($"/api/ingest/keys/{key.Id}/revoke", new { })).StatusCode);

        using var revoked = await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team)));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType?.MediaType);
        using var none = await platform.SendAsync(null, Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team)));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var forged = await platform.SendAsync(key.Key[..^4] + "0000", Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team)));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        var audit = await platform.Gateway.GetStringAsync("/api/ingest/audit?entity=ApiKey&pageSize=200");
        Assert.Contains(key.Id, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_used_for_an_event_type_or_source_outside_its_scope_is_refused_with_403()
    {
        var key = await platform.CreateKeyAsync(["hr.starter.v1", "hr.leaver.v1"]);

        using var otherType = await platform.SendAsync(key.Key, Event(key.Source, "census.population.v1", new { collectionYear = 2090, under18Population = 1000 }));
        using var otherSource = await platform.SendAsync(key.Key, Event("urn:test:someone-else", "hr.leaver.v1",
            new { employeeNumber = "E1", leftOn = "2025-01-31", leavingReason = "resignation" }));

        foreach (var response in new[] { otherType, otherSource })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains("census.population.v1", await otherType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_invalid_event_is_refused_with_400_naming_the_event_and_field_and_every_type_has_a_listed_schema()
    {
        var key = await platform.CreateKeyAsync();
        var id = Guid.NewGuid().ToString();
        using var response = await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter("E1", "TEAM", fte: 2m), id));
        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "data.fte");
        Assert.Contains(id, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var missing = Event(key.Source, "hr.leaver.v1", new { employeeNumber = "E1", leavingReason = "resignation" });
        missing.Remove("specversion");
        using var incomplete = await platform.SendAsync(key.Key, missing);
        await Problem.AssertFieldAsync(incomplete, HttpStatusCode.BadRequest, "specversion");
        using var unknownType = await platform.SendAsync(key.Key, Event(key.Source, "hr.promotion.v1", new { }));
        await Problem.AssertFieldAsync(unknownType, HttpStatusCode.BadRequest, "type");

        using var anonymous = new HttpClient { BaseAddress = platform.GatewayAddress };
        var schemas = JsonDocument.Parse(await anonymous.GetStringAsync("/events/schemas")).RootElement;
        Assert.Equal(AllTypes.Order(StringComparer.Ordinal), schemas.EnumerateArray().Select(s => s.GetProperty("type").GetString()));
        var starter = JsonDocument.Parse(await anonymous.GetStringAsync("/events/schemas/hr.starter.v1")).RootElement;
        Assert.Equal("number", starter.GetProperty("properties").GetProperty("fte").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_duplicate_event_is_accepted_but_applied_once()
    {
        var team = await platform.CreateTeamAsync();
        var key = await platform.CreateKeyAsync(["hr.starter.v1"]);
        var starter = Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team));

        var first = await platform.SendAsync(key.Key, starter).AcceptedAsync();
        var second = await platform.SendAsync(key.Key, starter).AcceptedAsync();

        Assert.Equal("accepted", first.GetProperty("events")[0].GetProperty("status").GetString());
        Assert.Equal("duplicate", second.GetProperty("events")[0].GetProperty("status").GetString());
        await platform.EventuallyAsync($"/api/workforce/staff?teamCode={team}", page => page.GetProperty("totalCount").GetInt32() >= 1);
        // The same event in a batch later is still recognised.
        var third = await platform.SendAsync(key.Key, new JsonArray(starter.DeepClone()), Batch).AcceptedAsync();
        Assert.Equal(1, third.GetProperty("duplicates").GetInt32());
        var staff = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/workforce/staff?teamCode={team}");
        Assert.Equal(1, staff.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Over_the_key_rate_limit_requests_are_refused_with_429_and_Retry_After()
    {
        var key = await platform.CreateKeyAsync(["census.population.v1"], rateLimitPerMinute: 2);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        // A fixed one-minute window: five requests span at most two windows, so at least one is over a limit of 2.
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await platform.SendAsync(key.Key, Event(key.Source, "census.population.v1", new { collectionYear = 2098, under18Population = 1000 + i }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else response.Dispose();
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            var retryAfter = limited.Headers.RetryAfter?.Delta;
            Assert.True(retryAfter is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After: {limited.Headers.RetryAfter}");
        }
        Assert.All(statuses.Where(s => s != HttpStatusCode.TooManyRequests), s => Assert.Equal(HttpStatusCode.Accepted, s));
    }

    [Fact]
    public async Task A_batch_with_one_bad_event_is_refused_whole_naming_the_event_and_the_corrected_batch_is_accepted()
    {
        var team = await platform.CreateTeamAsync();
        var key = await platform.CreateKeyAsync(["hr.starter.v1", "hr.absence.v1"]);
        var employee = Unique("E");
        var starter = Event(key.Source, "hr.starter.v1", Starter(employee, team));
        var badAbsence = Event(key.Source, "hr.absence.v1", new { employeeNumber = employee, firstDay = "2025-02-30", lastDay = "2025-03-04", reason = "sickness" });
        var other = Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team));

        using var refused = await platform.SendAsync(key.Key, new JsonArray(starter.DeepClone(), badAbsence.DeepClone(), other.DeepClone()), Batch);
        await Problem.AssertFieldAsync(refused, HttpStatusCode.BadRequest, "[1].data.firstDay");
        Assert.Contains((string)badAbsence["id"]!, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // All-or-nothing: nothing of the refused batch was accepted, so the corrected batch is new in every event.
        badAbsence["data"]!["firstDay"] = "2025-03-03";
        var accepted = await platform.SendAsync(key.Key, new JsonArray(starter, badAbsence, other), Batch).AcceptedAsync();
        Assert.Equal(3, accepted.GetProperty("accepted").GetInt32());
        await platform.EventuallyAsync($"/api/workforce/staff?teamCode={team}", page => page.GetProperty("totalCount").GetInt32() == 2);
    }

    [Fact]
    public async Task A_binary_mode_event_is_accepted_and_applied()
    {
        var team = await platform.CreateTeamAsync();
        var key = await platform.CreateKeyAsync(["hr.starter.v1"]);
        var employee = Unique("E");
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events")
        {
            Content = new StringContent(JsonSerializer.Serialize(Starter(employee, team)), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key.Key);
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", Guid.NewGuid().ToString());
        request.Headers.Add("ce-source", Uri.EscapeDataString(key.Source));
        request.Headers.Add("ce-type", "hr.starter.v1");

        await client.SendAsync(request).AcceptedAsync();

        var worker = await platform.EventuallyAsync($"/api/workforce/staff?teamCode={team}", page => page.GetProperty("totalCount").GetInt32() == 1);
        Assert.Equal(WorkerId(employee), worker.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_raw_AMQP_JSON_message_is_applied_and_an_invalid_one_is_moved_to_the_error_queue_with_the_reason()
    {
        var team = await platform.CreateTeamAsync();
        var employee = Unique("E");
        var user = $"hr-{Guid.NewGuid():N}"[..20];
        var key = await platform.CreateKeyAsync(["hr.starter.v1"], brokerUser: user);
        var (connection, channel) = await platform.AmqpAsync();
        await using var _ = connection;
        await using var __ = channel;
        await using var hr = await platform.BrokerUserConnectionAsync(user);

        // No ce-source: the broker user's registration names the source.
        var valid = new BasicProperties { Type = "hr.starter.v1", MessageId = Guid.NewGuid().ToString(), ContentType = "application/json", UserId = user, Persistent = true };
        await platform.PublishAsync(hr, valid, Starter(employee, team));
        var invalidId = Guid.NewGuid().ToString();
        var invalid = new BasicProperties { Type = "hr.starter.v1", MessageId = invalidId, ContentType = "application/json", UserId = user,
            Headers = new Dictionary<string, object?> { ["ce-source"] = key.Source }, Persistent = true };
        await platform.PublishAsync(hr, invalid, Starter(Unique("E"), team, fte: 3m));

        await platform.EventuallyAsync($"/api/workforce/staff/{WorkerId(employee)}", worker => worker.GetProperty("teamCode").GetString() == team);
        var (body, headers) = await TakeAsync(channel, platform.IngestErrorQueue, m => m.BasicProperties.MessageId == invalidId);
        Assert.Contains("data.fte", headers["x-ingest-error"], StringComparison.Ordinal);
        Assert.Contains("\"fte\":3", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_inbound_type_has_its_effect_in_the_owning_service()
    {
        var team = await platform.CreateTeamAsync();
        var centre = await platform.CreateCostCentreAsync("ING");
        var key = await platform.CreateKeyAsync();
        var employee = Unique("E");
        var worker = WorkerId(employee);
        var caseReference = $"CR{Random.Shared.Next(100_000, 999_999)}";

        await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter(employee, team, "2024-04-01"))).AcceptedAsync();
        await platform.EventuallyAsync($"/api/workforce/staff/{worker}", w => w.GetProperty("teamCode").GetString() == team);

        await platform.SendAsync(key.Key, new JsonArray(
            Event(key.Source, "hr.absence.v1", new { employeeNumber = employee, firstDay = "2024-06-03", lastDay = "2024-06-07", reason = "sickness" }),
            Event(key.Source, "case.allocated.v1", new { employeeNumber = employee, caseReference, allocatedOn = "2024-05-01" }),
            Event(key.Source, "ledger.actual-spend.v1", new { financialYear = 2024, period = 3, costCentreCode = centre, budgetLineCode = "social-work", amount = 1234.56m }),
            Event(key.Source, "census.population.v1", new { collectionYear = 2087, under18Population = 43_210 })), Batch).AcceptedAsync();

        await platform.EventuallyAsync($"/api/workforce/staff/{worker}/cases?asAt=2024-05-02", c => c.GetProperty("caseload").GetInt32() == 1);
        await EventuallyAsync(async () => await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "absences", $"worker_id = '{worker}' AND working_days_lost = 5") == 1,
            "the absence being recorded");
        await platform.EventuallyAsync($"/api/finance/actuals?financialYear=2024&costCentreCode={centre}",
            page => page.GetProperty("totalCount").GetInt32() == 1 && page.GetProperty("items")[0].GetProperty("amount").GetDecimal() == 1234.56m);
        await platform.EventuallyAsync("/api/placements/reference?pageSize=200",
            page => page.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("collectionYear").GetInt32() == 2087
                && r.GetProperty("under18Population").GetInt32() == 43_210));

        await platform.SendAsync(key.Key, Event(key.Source, "case.released.v1", new { employeeNumber = employee, caseReference, releasedOn = "2024-07-01" })).AcceptedAsync();
        await platform.EventuallyAsync($"/api/workforce/staff/{worker}", w => w.GetProperty("caseload").GetInt32() == 0);
        await platform.SendAsync(key.Key, Event(key.Source, "hr.leaver.v1", new { employeeNumber = employee, leftOn = "2024-08-31", leavingReason = "resignation" })).AcceptedAsync();
        await platform.EventuallyAsync($"/api/workforce/staff/{worker}", w => w.GetProperty("leftOn").GetString() == "2024-08-31");
    }

    [Fact]
    public async Task A_case_allocated_event_leaves_no_case_reference_in_the_logs()
    {
        var team = await platform.CreateTeamAsync();
        var key = await platform.CreateKeyAsync(["hr.starter.v1", "case.allocated.v1"]);
        var employee = Unique("E");
        var caseReference = $"CL{Random.Shared.Next(100_000_000, 999_999_999)}";
        var logsBefore = platform.CapturedLogs.Records.Count;

        await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter(employee, team))).AcceptedAsync();
        await platform.SendAsync(key.Key, Event(key.Source, "case.allocated.v1", new { employeeNumber = employee, caseReference, allocatedOn = "2024-05-01" })).AcceptedAsync();
        await platform.EventuallyAsync($"/api/workforce/staff/{WorkerId(employee)}", w => w.GetProperty("caseload").GetInt32() == 1);

        var records = platform.CapturedLogs.Records.Skip(logsBefore).ToList();
        Assert.Contains(records, r => r.Contains("case.allocated.v1", StringComparison.Ordinal));
        var leaked = records.Where(r => r.Contains(caseReference, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaked.Count == 0, "case reference in logs:\n" + string.Join('\n', leaked.Take(5)));
    }

    [Fact]
    public async Task A_command_the_owning_service_refuses_ends_in_its_error_queue_with_the_reason()
    {
        var key = await platform.CreateKeyAsync(["hr.starter.v1"]);
        var eventId = Guid.NewGuid().ToString();
        var accepted = await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter(Unique("E"), "NO-SUCH-TEAM"), eventId)).AcceptedAsync();
        Assert.Equal(1, accepted.GetProperty("accepted").GetInt32());

        var messageId = DeterministicId.ForEvent(key.Source, eventId).ToString();
        var (connection, channel) = await platform.AmqpAsync();
        await using var _ = connection;
        await using var __ = channel;
        await QueueExistsAsync(connection, "workforce-record-starter_error");
        var (_, headers) = await TakeAsync(channel, "workforce-record-starter_error", m => m.BasicProperties.MessageId == messageId);
        Assert.Contains("NO-SUCH-TEAM does not exist", headers["MT-Fault-Message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_administration_is_for_platform_admins_only_and_refuses_bad_input_storing_nothing()
    {
        var key = await platform.CreateKeyAsync(["hr.leaver.v1"]);
        var routes = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/api/ingest/keys"), (HttpMethod.Get, "/api/ingest/keys"), (HttpMethod.Get, $"/api/ingest/keys/{key.Id}"),
            (HttpMethod.Post, $"/api/ingest/keys/{key.Id}/revoke"), (HttpMethod.Get, "/api/ingest/audit"),
        };
        foreach (var role in PlatformRoles.All.Where(r => r != PlatformRoles.PlatformAdmin).Append(null))
        {
            using var client = platform.CreateClient(role);
            foreach (var (method, path) in routes)
            {
                using var request = new HttpRequestMessage(method, path);
                if (method == HttpMethod.Post) request.Content = JsonContent.Create(new { name = "x", source = "urn:x", eventTypes = LeaverOnly });
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == (role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden), $"{role ?? "no token"} {method} {path}: {(int)response.StatusCode}");
            }
        }

        var keysBefore = await PlatformFixture.CountRowsAsync(platform.IngestDb, "api_keys");
        var bad = new (string Body, string Field)[]
        {
            ("{\"name\": \"HR\", \"source\": \"urn:hr\", \"eventTypes\": [\"hr.promotion.v1\"]}", "eventTypes[0]"),
            ("{\"name\": \"HR\", \"source\": \"urn:hr\", \"eventTypes\": []}", "eventTypes"),
            ("{\"name\": \"HR\", \"source\": \"urn:hr\", \"eventTypes\": [null]}", "eventTypes[0]"),
            ("{\"source\": \"urn:hr\", \"eventTypes\": [\"hr.leaver.v1\"]}", "name"),
            ("{\"name\": \"HR\", \"source\": \"not a uri\", \"eventTypes\": [\"hr.leaver.v1\"]}", "source"),
            ("{\"name\": \"HR\", \"source\": \"urn:hr\", \"eventTypes\": [\"hr.leaver.v1\"], \"rateLimitPerMinute\": 0}", "rateLimitPerMinute"),
        };
        foreach (var (body, field) in bad)
        {
            using var response = await platform.Gateway.PostAsync("/api/ingest/keys", new StringContent(body, Encoding.UTF8, "application/json"));
            await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, field);
        }
        foreach (var body in new[] { "{\"name\": ", "{\"name\": 5, \"source\": [], \"eventTypes\": \"hr.leaver.v1\"}", "[]" })
        {
            using var response = await platform.Gateway.PostAsync("/api/ingest/keys", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Gateway.PostAsJsonAsync("/api/ingest/keys/0000000000000000/revoke", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.PostAsJsonAsync($"/api/ingest/keys/{key.Id}/revoke", new { })).StatusCode);
        using var twice = await platform.Gateway.PostAsJsonAsync($"/api/ingest/keys/{key.Id}/revoke", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(keysBefore, await PlatformFixture.CountRowsAsync(platform.IngestDb, "api_keys"));
    }

    [Fact]
    public async Task Events_in_an_unsupported_media_type_or_unreadable_are_refused_with_problem_json()
    {
        var key = await platform.CreateKeyAsync(["hr.leaver.v1"]);
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        foreach (var (body, mediaType, status) in new[]
        {
            ("{}", "application/json", HttpStatusCode.UnsupportedMediaType),
            ("<event/>", "application/xml", HttpStatusCode.UnsupportedMediaType),
            ("{\"specversion\": ", Structured, HttpStatusCode.BadRequest),
            ("[]", Batch, HttpStatusCode.BadRequest),
            ("[1, 2]", Batch, HttpStatusCode.BadRequest),
            ("{\"specversion\": 1.0, \"id\": 5, \"source\": \"x\", \"type\": \"hr.leaver.v1\", \"data\": {}}", Structured, HttpStatusCode.BadRequest),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key.Key);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == status, $"{mediaType} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
