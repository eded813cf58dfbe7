using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.ServiceDefaults.Model;
using Platform.ServiceDefaults.Security;
using Platform.Tools.TokenTool;

namespace Platform.Tests;

/// <summary>
/// Authentication and authorisation through the gateway and at each service: tokens, roles and the policy of every
/// route (docs/security.md).
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class SecurityTests(PlatformFixture platform)
{
    /// <summary>The services the gateway routes by role (AppHost/platform.json).</summary>
    private static readonly string[] Services = [.. PlatformModel.RoutedByRole.Select(a => a.Name)];
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    /// <summary>One list per service that needs no parameters.</summary>
    private static readonly Dictionary<string, string> Reads = new()
    {
        ["workforce"] = "/api/workforce/teams",
        ["finance"] = "/api/finance/cost-centres",
        ["placements"] = "/api/placements/foster-carers",
        ["inspections"] = "/api/inspections/inspections",
    };

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_problem_json_whether_its_length_is_declared_or_chunked()
    {
        // Valid JSON as far as it goes, so nothing refuses it for its shape before its length.
        var oversized = "{\"code\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";
        using var declared = await platform.Gateway.PostAsync("/api/workforce/teams", new StringContent(oversized, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge, "Content-Length over the limit");

        // Chunked: no length to check up front, so the gateway finds out while forwarding.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/workforce/teams")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(oversized))),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        using var answer = await platform.Gateway.SendAsync(chunked);
        await AssertProblemAsync(answer, HttpStatusCode.RequestEntityTooLarge, "chunked body over the limit");
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401_problem_json()
    {
        using var anonymous = platform.CreateClient(role: null);
        foreach (var path in Reads.Values)
        {
            using var read = await anonymous.GetAsync(path);
            await AssertProblemAsync(read, HttpStatusCode.Unauthorized, path);
            Assert.Contains("Bearer", read.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
        using var write = await anonymous.PostAsync("/api/workforce/teams", Json(new JsonObject { ["code"] = "SEC-ANON", ["name"] = "x", ["directorate"] = "y" }));
        await AssertProblemAsync(write, HttpStatusCode.Unauthorized, "POST /api/workforce/teams");
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        using var expired = platform.CreateClient(PlatformRoles.PlatformAdmin, expired: true);
        using var response = await expired.GetAsync(Reads["workforce"]);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "expired token");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_for_another_audience_is_refused_with_401()
    {
        var forged = LocalTokens.Create(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            "intruder", [PlatformRoles.PlatformAdmin], TimeSpan.FromHours(1));
        var otherAudience = LocalTokens.Create(PlatformFixture.SigningKey, "intruder", [PlatformRoles.PlatformAdmin], TimeSpan.FromHours(1),
            audience: "some-other-api");
        foreach (var token in new[] { forged, otherAudience })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Reads["finance"]);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await platform.Gateway.SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "forged token");
        }
    }

    [Fact]
    public async Task A_token_the_gateway_accepted_and_remembers_does_not_let_through_the_same_claims_with_another_signature_or_role()
    {
        var token = PlatformFixture.Token(PlatformRoles.ReadOnlyOperator, "cache-check");
        async Task<HttpStatusCode> StatusAsync(string bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Reads["workforce"]);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await platform.Gateway.SendAsync(request);
            return response.StatusCode;
        }
        // Accepted twice: the second time from the gateway's cache of validated tokens (gateway/ValidatedTokenCache.cs).
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(token));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(token));

        var parts = token.Split('.');
        var otherSignature = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(otherSignature));
        var admin = PlatformFixture.Token(PlatformRoles.PlatformAdmin, "cache-check").Split('.');
        var adminClaimsOldSignature = $"{parts[0]}.{admin[1]}.{parts[2]}";
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(adminClaimsOldSignature));

        // The role policy is still the cached token's: a read-only operator may not write.
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/workforce/teams")
        {
            Content = Json(new JsonObject { ["code"] = "SEC-CACHE", ["name"] = "x", ["directorate"] = "y" }),
        };
        write.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var refused = await platform.Gateway.SendAsync(write);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Refused_access_is_logged_at_warning_with_route_and_reason_but_never_the_token()
    {
        var forged = LocalTokens.Create(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            "intruder", [PlatformRoles.PlatformAdmin], TimeSpan.FromHours(1));
        var subject = $"operator-{Guid.NewGuid():N}"[..20];
        var before = platform.CapturedLogs.Records.Count;

        using (var request = new HttpRequestMessage(HttpMethod.Get, Reads["finance"]))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
            using var response = await platform.Gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using (var operatorClient = platform.CreateClient(PlatformRoles.ReadOnlyOperator, subject))
        using (var response = await operatorClient.PostAsync("/api/workforce/teams", Json(new JsonObject { ["code"] = "SEC-LOG", ["name"] = "x", ["directorate"] = "y" })))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var logged = platform.CapturedLogs.Records.Skip(before).Where(r => r.Contains("Platform.Security.Access", StringComparison.Ordinal)).ToList();
        Assert.Contains(logged, r => r.StartsWith("Warning", StringComparison.Ordinal) && r.Contains("Authentication refused: GET /api/finance/", StringComparison.Ordinal)
            && r.Contains("Signature", StringComparison.Ordinal));
        Assert.Contains(logged, r => r.StartsWith("Warning", StringComparison.Ordinal) && r.Contains($"Access forbidden to {subject}: POST", StringComparison.Ordinal));
        Assert.DoesNotContain(platform.CapturedLogs.Records.Skip(before), r => r.Contains(forged, StringComparison.Ordinal) || r.Contains(forged.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_one_service_down_the_gateway_stays_ready_and_serves_the_others_while_the_overview_names_the_one_down()
    {
        // A gateway of its own whose Inspections is a port nothing listens on.
        await using var gateway = new ServiceHost<Platform.Gateway.DownstreamHealthCheck>(new()
        {
            ["services:workforce:http:0"] = platform.ServiceAddress("workforce").ToString(),
            ["services:inspections:http:0"] = $"http://127.0.0.1:{PlatformFixture.FreePort()}",
            ["ConnectionStrings:cache"] = PlatformFixture.Redis,
            ["Auth:SigningKey"] = PlatformFixture.SigningKey,
        });
        using var client = new HttpClient { BaseAddress = gateway.Start() };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformFixture.Token(PlatformRoles.ReadOnlyOperator));

        using var ready = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var workforce = await client.GetAsync("/api/workforce/teams");
        Assert.Equal(HttpStatusCode.OK, workforce.StatusCode);
        using var inspections = await client.GetAsync("/api/inspections/inspections");
        await AssertProblemAsync(inspections, HttpStatusCode.BadGateway, "a call to the service that is down");

        using var overview = await client.GetAsync("/health/services");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, overview.StatusCode);
        using var report = System.Text.Json.JsonDocument.Parse(await overview.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("workforce").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("checks").GetProperty("inspections").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_burst_of_requests_without_a_valid_token_is_throttled_per_client_while_signed_in_requests_pass()
    {
        // A gateway of its own with a small budget, so that the burst cannot throttle the other tests' client.
        await using var gateway = new ServiceHost<Platform.Gateway.DownstreamHealthCheck>(new()
        {
            ["services:workforce:http:0"] = platform.ServiceAddress("workforce").ToString(),
            ["ConnectionStrings:cache"] = PlatformFixture.Redis,
            ["Auth:SigningKey"] = PlatformFixture.SigningKey,
            ["Security:FailedAccess:PermitLimit"] = "5",
        });
        using var client = new HttpClient { BaseAddress = gateway.Start() };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await client.GetAsync("/api/workforce/teams");
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) continue;
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);

        // The same client signed in is served: only failures spend the budget, and a valid token is not refused.
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/api/workforce/teams");
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PlatformFixture.Token(PlatformRoles.ReadOnlyOperator));
        using var served = await client.SendAsync(signedIn);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task A_read_only_operator_can_read_every_service_but_change_nothing()
    {
        using var operatorClient = platform.CreateClient(PlatformRoles.ReadOnlyOperator, "operator-1");
        foreach (var path in Reads.Values)
        {
            using var response = await operatorClient.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var code = $"SEC-RO-{Guid.NewGuid().ToString("N")[..6]}";
        using var write = await operatorClient.PostAsync("/api/workforce/teams", Json(new JsonObject { ["code"] = code, ["name"] = "Read only", ["directorate"] = "Children's Social Care" }));
        await AssertProblemAsync(write, HttpStatusCode.Forbidden, "read-only operator POST");
        using var teams = await platform.Gateway.GetAsync("/api/workforce/teams?pageSize=200");
        Assert.DoesNotContain(code, await teams.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_role_writes_its_own_service_and_only_reads_the_others()
    {
        var code = $"SEC-WM-{Guid.NewGuid().ToString("N")[..6]}";
        var team = new JsonObject { ["code"] = code, ["name"] = "Security test team", ["directorate"] = "Children's Social Care" };
        using var financeOfficer = platform.CreateClient(PlatformRoles.FinanceOfficer, "finance-officer-1");
        using var refused = await financeOfficer.PostAsync("/api/workforce/teams", Json(team));
        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "finance-officer writing workforce");
        using var read = await financeOfficer.GetAsync(Reads["workforce"]);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var manager = platform.CreateClient(PlatformRoles.WorkforceManager, "workforce-manager-1");
        using var created = await manager.PostAsync("/api/workforce/teams", Json(team));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_write_route_of_every_service_refuses_the_wrong_roles_with_403()
    {
        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var service in Services)
        {
            var writer = PlatformRoles.ServiceWriters[service];
            var wrongRoles = PlatformRoles.All.Where(r => r != PlatformRoles.PlatformAdmin && r != writer).ToList();
            foreach (var (method, path, _) in await WriteOperationsAsync(service))
            {
                checkedRoutes++;
                foreach (var role in wrongRoles)
                {
                    using var client = platform.CreateClient(role, $"wrong-role-{role}");
                    using var request = new HttpRequestMessage(method, $"/api/{service}{path}") { Content = Json(new JsonObject()) };
                    using var response = await client.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.Forbidden || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{method} /api/{service}{path} as {role}: {(int)response.StatusCode}");
                    }
                }
            }
        }
        Assert.True(checkedRoutes > 20, $"only {checkedRoutes} write routes were found in the OpenAPI documents");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task Every_write_route_refuses_a_read_only_operator_at_the_service_itself_too()
    {
        var failures = new List<string>();
        foreach (var service in Services)
        {
            using var direct = new HttpClient { BaseAddress = platform.ServiceAddress(service) };
            direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformFixture.Token(PlatformRoles.ReadOnlyOperator, "operator-direct"));
            foreach (var (method, path, contentType) in await WriteOperationsAsync(service))
            {
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{}", Encoding.UTF8, contentType) };
                using var response = await direct.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Forbidden) failures.Add($"{method} {service}{path}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task Each_service_checks_the_token_itself_behind_the_gateway()
    {
        foreach (var service in Services)
        {
            using var direct = new HttpClient { BaseAddress = platform.ServiceAddress(service) };
            var path = Reads[service][$"/api/{service}".Length..];
            using var anonymous = await direct.GetAsync(path);
            await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, $"{service} directly without a token");

            using var wrongRole = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(new JsonObject()) };
            wrongRole.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PlatformFixture.Token(PlatformRoles.ReadOnlyOperator));
            using var refused = await direct.SendAsync(wrongRole);
            await AssertProblemAsync(refused, HttpStatusCode.Forbidden, $"{service} directly as a read-only operator");

            using var health = await direct.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    public async Task Health_and_API_documents_need_no_token_and_answers_carry_security_headers()
    {
        using var anonymous = platform.CreateClient(role: null);
        foreach (var path in new[] { "/health", "/alive", "/api/placements/openapi/v1.json" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
        using var data = await platform.Gateway.GetAsync(Reads["placements"]);
        Assert.Equal("nosniff", data.Headers.GetValues("X-Content-Type-Options").First());
        Assert.Equal("DENY", data.Headers.GetValues("X-Frame-Options").First());
        Assert.True(data.Headers.CacheControl?.NoStore, "answers holding children's data must not be cached");
    }

    [Fact]
    public async Task A_browser_on_another_origin_gets_no_CORS_permission()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Reads["workforce"]);
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await platform.Gateway.SendAsync(preflight);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        using var request = new HttpRequestMessage(HttpMethod.Get, Reads["workforce"]);
        request.Headers.Add("Origin", "https://evil.example");
        using var read = await platform.Gateway.SendAsync(request);
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<List<(HttpMethod Method, string Path, string ContentType)>> WriteOperationsAsync(string service)
    {
        using var response = await platform.Gateway.GetAsync($"/api/{service}/openapi/v1.json");
        Assert.True(response.IsSuccessStatusCode, $"{service} publishes no OpenAPI document");
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var operations = new List<(HttpMethod, string, string)>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => WriteMethods.Contains(o.Key)))
            {
                // The media type the endpoint accepts (text/csv for the imports): another one is refused by routing with 415.
                var contentType = (operation?["requestBody"]?["content"] as JsonObject)?.Select(c => c.Key).FirstOrDefault() ?? "application/json";
                operations.Add((new HttpMethod(method.ToUpperInvariant()), ConcretePath(path), contentType));
            }
        }
        return operations;
    }

    /// <summary>Route parameters filled with a value of the plausible type (they are never reached).</summary>
    private static string ConcretePath(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", match =>
            match.Value.Contains("year", StringComparison.OrdinalIgnoreCase) ? "2019" : Guid.NewGuid().ToString());

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
