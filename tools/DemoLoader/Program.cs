// Loads the demo's Stoke-on-Trent 2019 story through the gateway: ./platform up runs it after every /health answers;
// by hand, ./platform demo (or dotnet run --project tools/DemoLoader -- --gateway URL, with PLATFORM_TOKEN or Auth__SigningKey).
using System.Globalization;
using Platform.Tools.DemoLoader;
using Platform.Tools.TokenTool;

const string Usage = "usage: DemoLoader [--gateway URL] [--token TOKEN] [--jobs N]\n" +
    "  --gateway  the gateway (default PLATFORM_GATEWAY_URL, else http://127.0.0.1:8080)\n" +
    "  --token    a platform-admin bearer token (default PLATFORM_TOKEN; without one, a token is minted with Auth__SigningKey,\n" +
    "             Auth__Issuer and Auth__Audience as ./platform token does; ./platform demo passes the up profile's)\n" +
    "  --jobs     requests run at once where the story allows (default DEMO_JOBS, else 4)";

var gateway = Environment.GetEnvironmentVariable("PLATFORM_GATEWAY_URL") is { Length: > 0 } g ? g : "http://127.0.0.1:8080";
var token = Environment.GetEnvironmentVariable("PLATFORM_TOKEN");
var jobs = int.TryParse(Environment.GetEnvironmentVariable("DEMO_JOBS"), CultureInfo.InvariantCulture, out var j) && j > 0 ? j : 4;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--gateway" when value is not null: gateway = value; i++; break;
        case "--token" when value is not null: token = value; i++; break;
        case "--jobs" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0: jobs = n; i++; break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
    }
}
if (!Uri.TryCreate(gateway, UriKind.Absolute, out var gatewayUri) || (gatewayUri.Scheme != Uri.UriSchemeHttp && gatewayUri.Scheme != Uri.UriSchemeHttps))
{
    await Console.Error.WriteLineAsync($"--gateway must be an http(s) address, not '{gateway}'").ConfigureAwait(false);
    return 2;
}
if (string.IsNullOrWhiteSpace(token))
{
    var key = Environment.GetEnvironmentVariable("Auth__SigningKey");
    if (string.IsNullOrWhiteSpace(key) || key.Length < 32)
    {
        await Console.Error.WriteLineAsync("No token: pass --token or PLATFORM_TOKEN (./platform token --role platform-admin), set Auth__SigningKey, " +
                                           "or run ./platform demo.").ConfigureAwait(false);
        return 2;
    }
    var issuer = Environment.GetEnvironmentVariable("Auth__Issuer") is { Length: > 0 } iss ? iss : LocalTokens.DefaultIssuer;
    var audience = Environment.GetEnvironmentVariable("Auth__Audience") is { Length: > 0 } aud ? aud : LocalTokens.DefaultAudience;
    token = LocalTokens.Create(key, "demo-loader", ["platform-admin"], TimeSpan.FromHours(1), issuer, audience);
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    await DemoLoader.RunAsync(gatewayUri, token, new DemoLoaderOptions { Jobs = jobs }, cancel.Token).ConfigureAwait(false);
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("demo loader cancelled").ConfigureAwait(false);
    return 130;
}
catch (Exception ex) when (ex is ApiException or HttpRequestException or InvalidOperationException or TaskCanceledException)
{
    await Console.Error.WriteLineAsync($"demo loader failed: {ex.Message}").ConfigureAwait(false);
    return 1;
}
