using Microsoft.Playwright;

namespace Platform.Tests;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c>, installed by <c>./platform test</c>; PLATFORM_TEST_CHROMIUM) driven by
/// Playwright through its executable path: no browser is downloaded. One browser per test, each with a fresh temporary
/// profile (Playwright's own).
/// </summary>
public sealed class WebBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private WebBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where the browser tests keep their screenshots (under the test output folder).</summary>
    public static string ArtefactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "web-artefacts")).FullName;

    public static async Task<WebBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PLATFORM_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                ],
            });
            return new WebBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new page signed in through the local sign-in page as <paramref name="role"/>.</summary>
    public async Task<IPage> SignInAsync(Uri gateway, string role, string name)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = gateway.ToString().TrimEnd('/'), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/signin");
        await page.CheckAsync($"input[name=Role][value='{role}']");
        await page.FillAsync("#name", name);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
