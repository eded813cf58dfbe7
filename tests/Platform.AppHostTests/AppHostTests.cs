using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Platform.ServiceDefaults.Model;

namespace Platform.AppHostTests;

public sealed class AppHostTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    [Theory]
    [InlineData("/api/workforce/teams")]
    [InlineData("/api/finance/years")]
    [InlineData("/api/placements/foster-carers")]
    [InlineData("/api/inspections/indicators")]
    [InlineData("/api/ingest/keys")]
    public async Task Each_service_answers_through_the_gateway_the_AppHost_started(string path)
    {
        using var client = fixture.Gateway();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_web_app_answers_through_the_gateway()
    {
        using var client = fixture.Gateway(signedIn: false);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        // Its stylesheets are served too, though it runs in Production from its build output (no wwwroot beside it).
        var page = await response.Content.ReadAsStringAsync();
        var stylesheets = System.Text.RegularExpressions.Regex.Matches(page, "<link[^>]+rel=\"stylesheet\"[^>]+href=\"(/[^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(stylesheets);
        foreach (var stylesheet in stylesheets)
        {
            using var css = await client.GetAsync(new Uri(stylesheet, UriKind.Relative));
            Assert.True(css.StatusCode == HttpStatusCode.OK, $"{stylesheet}: {(int)css.StatusCode}");
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public void Each_app_is_given_the_connections_and_addresses_the_model_declares_and_no_other()
    {
        // Redis, for one, only where it is used (platform.json's cache): a Redis outage leaves the other apps ready.
        foreach (var app in PlatformModel.Apps)
        {
            var given = ProcessEnvironment(app.Name).Split('\0')
                .Where(v => v.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || v.StartsWith("services__", StringComparison.Ordinal)
                            || v.StartsWith("Gateway__BaseAddress=", StringComparison.Ordinal))
                .Select(v => v[..v.IndexOf('=', StringComparison.Ordinal)])
                .Order();
            string[] expected =
            [
                .. app.Database is { } database ? [$"ConnectionStrings__{database}"] : Array.Empty<string>(),
                .. app.Messaging ? ["ConnectionStrings__messaging"] : Array.Empty<string>(),
                .. app.Cache ? ["ConnectionStrings__cache"] : Array.Empty<string>(),
                .. app.References.Select(r => PlatformModel.AddressVariable(PlatformModel.Get(r))),
            ];
            Assert.Equal(expected.Order(), given);
        }
    }

    [Fact]
    public void Every_app_runs_in_Production_unless_told_otherwise()
    {
        foreach (var app in AppHostFixture.Apps)
        {
            Assert.Contains("ASPNETCORE_ENVIRONMENT=Production\0", ProcessEnvironment(app), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_app_receives_another_apps_database_password()
    {
        // What each app's process was started with, as the operating system holds it.
        foreach (var app in AppHostFixture.Apps)
        {
            var environment = ProcessEnvironment(app);
            foreach (var (service, password) in fixture.DatabasePasswords)
            {
                if (service == app)
                {
                    Assert.Contains(password, environment, StringComparison.Ordinal);
                }
                else
                {
                    Assert.False(environment.Contains(password, StringComparison.Ordinal), $"{app} was given {service}'s database password");
                }
            }
        }
    }

    [Fact]
    public async Task A_change_is_one_trace_from_the_gateway_through_the_outbox_and_the_broker_to_the_consuming_service()
    {
        using var client = fixture.Gateway();
        var team = $"TRACE-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        using (var created = await client.PostAsJsonAsync("/api/workforce/teams", new { code = team, name = "Trace team", directorate = "Children's Social Care" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        // The caller starts the trace: everything the new post causes carries this trace id.
        var traceId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workforce/posts")
        {
            Content = JsonContent.Create(new
            {
                teamCode = team, jobRole = "social-worker", grade = "SW2", fte = 1m, annualCost = 42_500m,
                budgetLineCode = "social-work", effectiveFrom = "2019-10-01",
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}-01");
        using (var response = await client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Finance consumes PostCreated (its commitments): the gateway's request, Workforce's handler and outbox
        // publish, and Finance's consumer are one trace.
        List<ExportedSpan> trace = [];
        for (var waited = 0; waited < 60 && !trace.Any(s => s is { Service: "finance", Kind: 5 }); waited++)
        {
            await Task.Delay(500);
            trace = [.. fixture.Telemetry.Spans.Where(s => s.TraceId == traceId)];
        }
        var summary = string.Join("; ", trace);
        Assert.Contains(trace, s => s is { Service: "gateway", Kind: 2 });
        Assert.Contains(trace, s => s is { Service: "workforce", Kind: 2 });
        Assert.True(trace.Any(s => s is { Service: "workforce", Kind: 4 }), $"no producer span in workforce: {summary}");
        Assert.True(trace.Any(s => s is { Service: "finance", Kind: 5 }), $"no consumer span in finance: {summary}");
        Assert.True(trace.Any(s => s.Service == "workforce" && s.Scope == "Npgsql"), $"no database span in workforce: {summary}");
    }

    [Fact]
    public async Task The_idle_platform_exports_no_spans_for_a_minute()
    {
        // Whatever earlier tests and the start-up did is exported first.
        await fixture.WaitForQuietAsync(TimeSpan.FromSeconds(10));
        var before = fixture.Telemetry.Spans.Count;

        await Task.Delay(TimeSpan.FromMinutes(1));

        var idle = fixture.Telemetry.Spans.Skip(before).ToList();
        Assert.True(idle.Count == 0, $"{idle.Count} spans exported while idle: " +
            string.Join("; ", idle.GroupBy(s => s.ToString()).OrderByDescending(g => g.Count()).Take(10).Select(g => $"{g.Key} ×{g.Count()}")));
    }

    // The environment of the process listening on the app's port, found by the ASPNETCORE_URLS the AppHost gave it.
    private string ProcessEnvironment(string app)
    {
        var marker = $"ASPNETCORE_URLS=http://localhost:{fixture.Ports[app]}";
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _)) continue;
            string environment;
            try
            {
                environment = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "environ")));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var variables = environment.Split('\0');
            if (variables.Contains(marker) && variables.Contains($"OTEL_SERVICE_NAME={app}")) return environment;
        }
        throw new InvalidOperationException($"no process was found for {app} ({marker})");
    }
}
