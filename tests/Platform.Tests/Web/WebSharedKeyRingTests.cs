using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Platform.Tests.Web;

/// <summary>Several replicas of the web app share one Data Protection key ring in Redis: a user stays signed in whichever replica answers.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed partial class WebSharedKeyRingTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_web_replica_is_accepted_by_a_second_replica_started_with_the_same_Redis()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);
        var first = platform.ServiceAddress("web");
        var user = $"replica-{Guid.NewGuid():N}"[..20];

        // Sign in on the running web app (its antiforgery token is protected with the key ring too).
        var form = await browser.GetStringAsync(new Uri(first, "/SignIn"));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        Assert.NotEmpty(token);
        using var signIn = await browser.PostAsync(new Uri(first, "/SignIn"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Role"] = "read-only-operator",
            ["Name"] = user,
            ["ReturnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(cookies.GetCookies(first).Cast<Cookie>(), cookie => cookie.Name.StartsWith("platform-web", StringComparison.Ordinal));

        // A second replica with the same settings (same Redis): the cookie is valid there, the user is still signed in.
        await using var replica = new ServiceHost<Platform.Web.Gateway.GatewayClient>(platform.WebSettings());
        var second = replica.Start();
        Assert.NotEqual(first.Port, second.Port);
        using var board = await browser.GetAsync(new Uri(second, "/"));
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        var html = await board.Content.ReadAsStringAsync();
        Assert.Contains($"data-testid=\"user-name\">{user}<", html, StringComparison.Ordinal);

        // The keys are in Redis, not on either instance's disk.
        var redis = replica.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.True(await redis.GetDatabase().ListLengthAsync("platform-web:data-protection-keys") > 0);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
