// The gateway benchmark's baselines: a bare YARP proxy with the gateway's route for one service
// (/api/<service>/{**rest} -> the service, prefix removed) and nothing else: no authentication, rate limiting,
// telemetry or per-request logging. BENCH_SERVICE names the service, BENCH_UPSTREAM is its URL.
// With BENCH_STACK=1 the same proxy on the platform's mandated stack and nothing of the gateway's own (StackOnly.cs).
using Platform.Bench.BareProxy;
using Yarp.ReverseProxy.Configuration;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var service = Environment.GetEnvironmentVariable("BENCH_SERVICE") ?? "workforce";
var upstream = Environment.GetEnvironmentVariable("BENCH_UPSTREAM") ?? throw new InvalidOperationException("BENCH_UPSTREAM is not set");
var stack = Environment.GetEnvironmentVariable("BENCH_STACK") == "1";
if (stack) StackOnly.Add(builder);
builder.Services.AddReverseProxy().LoadFromMemory(
    [
        new RouteConfig
        {
            RouteId = service,
            ClusterId = service,
            Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            Transforms = [new Dictionary<string, string> { ["PathRemovePrefix"] = $"/api/{service}" }],
            AuthorizationPolicy = stack ? StackOnly.ReadPolicy : null,
        },
    ],
    [
        new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig> { ["d1"] = new() { Address = upstream } },
        },
    ]);
var app = builder.Build();
if (stack) StackOnly.Use(app);
app.MapReverseProxy();
app.Run();
