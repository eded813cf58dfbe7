using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Security;

namespace Platform.Tests;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs (issue 25): a client that lost the answer to a create can send it again and gets the
/// first answer, not a second entity.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class ReliabilityIdempotencyTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_POST_retried_with_the_same_Idempotency_Key_after_a_lost_answer_creates_one_entity()
    {
        var team = $"IDEM-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        (await platform.Gateway.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Idempotency", directorate = "Children's Social Care" }))
            .EnsureSuccessStatusCode();
        var post = new { teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 42_000m, budgetLineCode = "social-work", effectiveFrom = "2019-04-01" };
        var key = Guid.NewGuid().ToString();

        // The first answer is "lost": the client never looks at it and sends the same request again.
        using (await SendAsync(platform.Gateway, key, post)) { }
        using var retry = await SendAsync(platform.Gateway, key, post);
        var retried = await retry.Content.ReadAsStringAsync();
        Assert.True(retry.StatusCode == HttpStatusCode.Created, $"{(int)retry.StatusCode}: {retried}");
        Assert.Equal("true", retry.Headers.GetValues("Idempotency-Replayed").Single());
        var id = JsonDocument.Parse(retried).RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/workforce/posts/{id}", retry.Headers.Location?.OriginalString);
        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "posts", $"team_code = '{team}'"));

        // The same key for another request is 422 naming the header, and changes nothing.
        using var changed = await SendAsync(platform.Gateway, key, new { post.teamCode, post.jobRole, post.grade, fte = 0.5m, post.annualCost, post.budgetLineCode, post.effectiveFrom });
        await AssertFieldProblemAsync(changed, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "posts", $"team_code = '{team}'"));

        // Keys are per caller: another subject's same key is its own request.
        using var colleague = platform.CreateClient(PlatformRoles.WorkforceManager, "another-manager");
        using var theirs = await SendAsync(colleague, key, post);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(2, await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "posts", $"team_code = '{team}'"));

        // A malformed key is 400 naming the header; nothing is created.
        using var malformed = await SendAsync(platform.Gateway, new string('k', 256), post);
        await AssertFieldProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Equal(2, await PlatformFixture.CountRowsAsync(platform.WorkforceDb, "posts", $"team_code = '{team}'"));
    }

    [Fact]
    public async Task An_answer_holding_a_secret_is_never_kept_so_a_retry_is_told_it_was_received()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Idempotent HR", source = $"urn:test:{Guid.NewGuid():N}", eventTypes = new[] { "hr.starter.v1" } };

        using var first = await PostAsync("/api/ingest/keys", key, body);
        var created = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.Created, created);
        var secret = JsonDocument.Parse(created).RootElement.GetProperty("key").GetString()!;
        using var retry = await PostAsync("/api/ingest/keys", key, body);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.DoesNotContain(secret, await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.IngestDb, "idempotency_records", $"response_body LIKE '%{secret.Split('_')[2]}%'"));
        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.IngestDb, "api_keys", $"source = '{body.source}'"));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await platform.Gateway.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workforce/posts") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", $"\"{key}\"");
        return await client.SendAsync(request);
    }

    private static async Task AssertFieldProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), body);
    }
}
