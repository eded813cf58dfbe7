using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.Tools.TokenTool;

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
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            LocalTokens.Create(AppHostFixture.SigningKey, "apphost-tests", ["platform-admin"], TimeSpan.FromMinutes(10)));

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_web_app_answers_through_the_gateway()
    {
        using var client = fixture.Gateway();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
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
