using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.ServiceDefaults.Security;
using RabbitMQ.Client;
using static Platform.Tests.IngestTestKit;

namespace Platform.Tests.Ingest;

/// <summary>
/// Who sent an ingested event (issue 24): a source belongs to one sender; over AMQP the sender is the broker-validated
/// user; an id cannot be squatted; the sender can see what became of its event; the owning service audits the sender.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class IngestSenderTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_broker_user_cannot_send_another_sources_event_nor_pass_as_another_user_and_its_own_events_are_audited_under_it()
    {
        var team = await platform.CreateTeamAsync();
        var hrUser = $"hr-{Guid.NewGuid():N}"[..20];
        var hr = await platform.CreateKeyAsync(["hr.starter.v1"], brokerUser: hrUser);
        var ledgerUser = $"ledger-{Guid.NewGuid():N}"[..20];
        var ledger = await platform.CreateKeyAsync(["hr.starter.v1", "ledger.actual-spend.v1"], brokerUser: ledgerUser);
        var (admin, channel) = await platform.AmqpAsync();
        await using var _ = admin;
        await using var __ = channel;
        await using var hrConnection = await platform.BrokerUserConnectionAsync(hrUser);

        // HR labels an event with the ledger's source: parked with the reason, never applied.
        var spoofedEmployee = Unique("E");
        var spoofedId = Guid.NewGuid().ToString();
        await platform.PublishAsync(hrConnection, new BasicProperties
        {
            Type = "hr.starter.v1", MessageId = spoofedId, UserId = hrUser, ContentType = "application/json", Persistent = true,
            Headers = new Dictionary<string, object?> { ["ce-source"] = ledger.Source },
        }, Starter(spoofedEmployee, team));
        var (_, spoofedHeaders) = await TakeAsync(channel, platform.IngestErrorQueue, m => m.BasicProperties.MessageId == spoofedId);
        Assert.Contains($"RabbitMQ user '{hrUser}' may only send events with source '{hr.Source}'", spoofedHeaders["x-ingest-error"], StringComparison.Ordinal);
        Assert.Equal(hrUser, spoofedHeaders["x-ingest-broker-user"]);

        // Without user_id there is no sender: parked.
        var anonymousId = Guid.NewGuid().ToString();
        await platform.PublishAsync(hrConnection, new BasicProperties
        {
            Type = "hr.starter.v1", MessageId = anonymousId, ContentType = "application/json", Persistent = true,
        }, Starter(Unique("E"), team));
        var (_, anonymousHeaders) = await TakeAsync(channel, platform.IngestErrorQueue, m => m.BasicProperties.MessageId == anonymousId);
        Assert.Contains("user_id", anonymousHeaders["x-ingest-error"], StringComparison.Ordinal);

        // Claiming to be the ledger's broker user: RabbitMQ itself refuses the publish.
        await Assert.ThrowsAnyAsync<Exception>(() => platform.PublishAsync(hrConnection, new BasicProperties
        {
            Type = "hr.starter.v1", MessageId = Guid.NewGuid().ToString(), UserId = ledgerUser, ContentType = "application/json", Persistent = true,
        }, Starter(Unique("E"), team)));

        // Its own event is applied, and Workforce's audit names the broker user and the event.
        var employee = Unique("E");
        var eventId = $"hr-{Guid.NewGuid():N}";
        await using var hrAgain = await platform.BrokerUserConnectionAsync(hrUser);
        await platform.PublishAsync(hrAgain, new BasicProperties
        {
            Type = "hr.starter.v1", MessageId = eventId, UserId = hrUser, ContentType = "application/json", Persistent = true,
        }, Starter(employee, team));
        await platform.EventuallyAsync($"/api/workforce/staff/{WorkerId(employee)}", w => w.GetProperty("teamCode").GetString() == team);
        var audit = await platform.EventuallyAsync($"/api/workforce/audit?subject=ingest:amqp:{hrUser}&pageSize=200",
            page => page.GetProperty("totalCount").GetInt32() > 0);
        Assert.All(audit.GetProperty("items").EnumerateArray(), entry =>
            Assert.Equal($"EVENT hr.starter.v1 {hr.Source} {eventId}", entry.GetProperty("request").GetString()));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), entry => entry.GetProperty("keys").EnumerateArray()
            .Any(k => k.GetString() == WorkerId(employee).ToString()));
        // The spoofed starter was never applied.
        using var spoofed = await platform.Gateway.GetAsync($"/api/workforce/staff/{WorkerId(spoofedEmployee)}");
        Assert.Equal(HttpStatusCode.NotFound, spoofed.StatusCode);
    }

    [Fact]
    public async Task A_squatted_id_cannot_block_the_genuine_event_the_conflict_is_reported_and_a_source_has_one_key()
    {
        var team = await platform.CreateTeamAsync();
        var key = await platform.CreateKeyAsync(["hr.starter.v1"]);
        var id = $"hr-{Guid.NewGuid():N}";
        var genuine = Unique("E");
        await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter(genuine, team), id)).AcceptedAsync();

        // The same id with other content: 409 naming it, nothing sent; a batch holding it sends nothing either.
        using var reused = await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team), id));
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id, await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var other = Unique("E");
        using var batch = await platform.SendAsync(key.Key, new JsonArray(
            Event(key.Source, "hr.starter.v1", Starter(other, team)),
            Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team, fte: 0.5m), id)), Batch);
        Assert.Equal(HttpStatusCode.Conflict, batch.StatusCode);
        // The same content written differently (member order, 1 as 1.0) is still the same event: a duplicate.
        var reordered = JsonNode.Parse("""{"startDate":"2024-04-01","fte":1.0,"employeeNumber":"X","teamCode":"T","jobRole":"social-worker","employmentType":"employed","isQualifiedSocialWorker":true,"registrationNumber":"SW12345"}""")!;
        reordered["employeeNumber"] = genuine;
        reordered["teamCode"] = team;
        var again = await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", reordered, id)).AcceptedAsync();
        Assert.Equal("duplicate", again.GetProperty("events")[0].GetProperty("status").GetString());

        await platform.EventuallyAsync($"/api/workforce/staff/{WorkerId(genuine)}", w => w.GetProperty("teamCode").GetString() == team);
        await Task.Delay(1000);
        using var notApplied = await platform.Gateway.GetAsync($"/api/workforce/staff/{WorkerId(other)}");
        Assert.Equal(HttpStatusCode.NotFound, notApplied.StatusCode);

        // A second key cannot share the source (it would share its ids): 409 naming the holder; rotating replaces the secret.
        using var second = await platform.Gateway.PostAsJsonAsync("/api/ingest/keys", new { name = "Squatter", source = key.Source, eventTypes = AllTypes });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(key.Id, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rotated = await (await platform.Gateway.PostAsJsonAsync($"/api/ingest/keys/{key.Id}/rotate", new { })).ReadAsync<CreatedKey>();
        using var oldSecret = await platform.SendAsync(key.Key, Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team)));
        Assert.Equal(HttpStatusCode.Unauthorized, oldSecret.StatusCode);
        var afterRotation = await platform.SendAsync(rotated.Key, Event(key.Source, "hr.starter.v1", Starter(genuine, team), id)).AcceptedAsync();
        Assert.Equal("duplicate", afterRotation.GetProperty("events")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_sender_sees_its_event_applied_or_refused_with_the_owning_services_reason_and_no_one_else_sees_it()
    {
        var team = await platform.CreateTeamAsync();
        var key = await platform.CreateKeyAsync(["hr.starter.v1"]);
        var appliedId = $"hr-{Guid.NewGuid():N}";
        var refusedId = $"hr-{Guid.NewGuid():N}";
        await platform.SendAsync(key.Key, new JsonArray(
            Event(key.Source, "hr.starter.v1", Starter(Unique("E"), team), appliedId),
            Event(key.Source, "hr.starter.v1", Starter(Unique("E"), "NO-SUCH-TEAM"), refusedId)), Batch).AcceptedAsync();

        var source = Uri.EscapeDataString(key.Source);
        var applied = await StatusAsync(key.Key, $"/events/{source}/{appliedId}", s => s.GetProperty("status").GetString() == "applied");
        Assert.Equal("workforce", applied.GetProperty("service").GetString());
        var refused = await StatusAsync(key.Key, $"/events/{source}/{refusedId}", s => s.GetProperty("status").GetString() == "refused");
        Assert.Contains("NO-SUCH-TEAM does not exist", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Operators see it too, and list the refused ones; another sender and no credentials do not.
        using (var operatorClient = platform.CreateClient(PlatformRoles.ReadOnlyOperator))
        {
            using var seen = await operatorClient.GetAsync($"/events/{source}/{refusedId}");
            Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        }
        var listed = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/ingest/received-events?status=refused&source={source}");
        Assert.Equal(refusedId, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var stranger = await platform.CreateKeyAsync(["hr.starter.v1"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithKeyAsync(stranger.Key, $"/events/{source}/{refusedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithKeyAsync(null, $"/events/{source}/{refusedId}")).StatusCode);
        using (var finance = platform.CreateClient(PlatformRoles.FinanceOfficer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync($"/events/{source}/{refusedId}")).StatusCode);
        }
        using var unknown = await GetWithKeyAsync(key.Key, $"/events/{source}/never-sent");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> GetWithKeyAsync(string? key, string path)
    {
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return await client.SendAsync(request);
    }

    private async Task<JsonElement> StatusAsync(string key, string path, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await GetWithKeyAsync(key, path);
            last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode)
            {
                var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (ready(status)) return status;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"GET {path} did not reach the expected status; last answer {last}");
    }
}
