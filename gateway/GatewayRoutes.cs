using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Model;
using Platform.ServiceDefaults.Security;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway;

/// <summary>
/// Builds the YARP routes from Aspire-style service discovery configuration: <c>services__workforce__http__0</c>
/// and friends, the same variables the AppHost, <c>./platform up</c> and the Kubernetes ConfigMap provide.
/// <c>/api/{service}/...</c> is forwarded to the service with the prefix removed.
/// </summary>
internal static class GatewayRoutes
{
    /// <summary>
    /// The services routed by role (<c>api: roles</c> in AppHost/platform.json): reads by any platform role, writes by
    /// platform-admin or the service's writer. Ingest (<c>api: admin</c>) has routes of its own (<see cref="IngestRoutes"/>).
    /// </summary>
    public static readonly string[] Services = [.. PlatformModel.RoutedByRole.Select(a => a.Name)];

    /// <summary>File imports that may be larger than the default 1 MiB body: (service, path under /api/service, limit).</summary>
    private static readonly (string Service, string Path, long MaxBytes)[] LargeBodyRoutes =
    [
        ("placements", "/ssda903/returns/{year}", 256L * 1024 * 1024),
        ("placements", "/ssda903/returns/{year}/validate", 256L * 1024 * 1024),
        // A council's extract of the ONS postcode directory (the whole of the UK is about 1.3 GB).
        ("placements", "/ssda903/postcodes", 2L * 1024 * 1024 * 1024),
    ];

    /// <summary>
    /// The web app (<c>services__web__http__0</c>) at <c>/</c>: every path not under <c>/api</c> and not the gateway's own
    /// <c>/health</c> or <c>/alive</c> (the lowest route order, so every API route wins). No token is needed here: the app
    /// signs its users in with its own cookie and calls the APIs back through this gateway with their tokens.
    /// </summary>
    private static void AddWebApp(IHostApplicationBuilder builder, List<RouteConfig> routes, List<ClusterConfig> clusters)
    {
        var address = builder.Configuration["services:web:http:0"];
        if (string.IsNullOrWhiteSpace(address)) return;
        routes.Add(new RouteConfig
        {
            RouteId = "web",
            ClusterId = "web",
            Order = int.MaxValue,
            Match = new RouteMatch { Path = "/{**path}" },
            AuthorizationPolicy = "anonymous",
            // The app builds its redirects and sign-in return addresses from the host the browser used.
            Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
        });
        clusters.Add(new ClusterConfig
        {
            ClusterId = "web",
            Destinations = new Dictionary<string, DestinationConfig> { ["web-0"] = new() { Address = address } },
            // Server-Sent Events (the live board) stay open longer than the default 100 s activity timeout.
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) },
        });
    }

    /// <summary>Whether a path belongs to the web app rather than the APIs or the gateway's probes.</summary>
    public static bool IsWebPath(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/alive");

    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        var health = builder.Services.AddHealthChecks();

        foreach (var service in Services)
        {
            var address = builder.Configuration[$"services:{service}:http:0"];
            if (string.IsNullOrWhiteSpace(address)) continue;

            var transforms = PrefixRemoved(service);
            var writePolicy = PlatformRoles.WritePolicy(PlatformRoles.ServiceWriters[service]);
            AddDocsRoutes(routes, service);
            // Reads: any platform role. Writes: platform-admin or the service's own role (docs/security.md).
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-read",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}", Methods = ["GET", "HEAD"] },
                AuthorizationPolicy = PlatformRoles.ReadPolicy,
                Transforms = transforms,
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-write",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}", Methods = ["POST", "PUT", "PATCH", "DELETE"] },
                AuthorizationPolicy = writePolicy,
                Transforms = transforms,
            });
            foreach (var (_, path, maxBytes) in LargeBodyRoutes.Where(r => r.Service == service))
            {
                routes.Add(new RouteConfig
                {
                    RouteId = $"{service}-large-body-{routes.Count}",
                    ClusterId = service,
                    Order = -1,
                    Match = new RouteMatch { Path = $"/api/{service}{path}", Methods = ["POST", "PUT"] },
                    MaxRequestBodySize = maxBytes,
                    AuthorizationPolicy = writePolicy,
                    Transforms = transforms,
                });
            }
            AddCluster(clusters, health, service, address);
        }

        IngestRoutes.Add(builder.Configuration, routes, clusters, health);
        AddWebApp(builder, routes, clusters);

        builder.Services.AddHttpClient(DownstreamHealthCheck.ClientName);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddTransforms(context =>
        {
            // A service answers 201 with its own path (Location: /teams/CIN-1); the caller knows it under the
            // gateway's prefix, so the header is given that prefix on the way out.
            var prefix = $"/api/{context.Route.ClusterId}";
            if (!Services.Contains(context.Route.ClusterId) || context.Route.Match.Path?.StartsWith(prefix + "/", StringComparison.Ordinal) != true) return;
            context.AddResponseTransform(transform =>
            {
                if (transform.ProxyResponse?.Headers.Location is { IsAbsoluteUri: false } location
                    && location.OriginalString.StartsWith('/')
                    && !location.OriginalString.StartsWith(prefix + "/", StringComparison.Ordinal))
                {
                    transform.HttpContext.Response.Headers.Location = prefix + location.OriginalString;
                }
                return ValueTask.CompletedTask;
            });
        });
    }

    /// <summary>The transform that forwards <c>/api/{service}/x</c> as <c>/x</c>.</summary>
    internal static Dictionary<string, string>[] PrefixRemoved(string service) =>
        [new Dictionary<string, string> { ["PathRemovePrefix"] = $"/api/{service}" }];

    /// <summary>The API's shape (OpenAPI document, Scalar page) is public; its operations are not.</summary>
    internal static void AddDocsRoutes(List<RouteConfig> routes, string service)
    {
        foreach (var docs in new[] { "openapi", "scalar" })
        {
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-{docs}",
                ClusterId = service,
                Order = -2,
                Match = new RouteMatch { Path = $"/api/{service}/{docs}/{{**rest}}", Methods = ["GET"] },
                AuthorizationPolicy = "anonymous",
                Transforms = PrefixRemoved(service),
            });
        }
    }

    /// <summary>
    /// The service's cluster (one destination), and a check that follows the service's own /health for the overview
    /// (<c>/health/services</c>); not the gateway's readiness, which one stopped service must not fail for the others.
    /// </summary>
    internal static void AddCluster(List<ClusterConfig> clusters, IHealthChecksBuilder health, string service, string address)
    {
        clusters.Add(new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig> { [$"{service}-0"] = new() { Address = address } },
        });
        health.Add(new HealthCheckRegistration(service,
            services => new DownstreamHealthCheck(services.GetRequiredService<IHttpClientFactory>(), new Uri(new Uri(address), "/health")),
            HealthStatus.Unhealthy, [ServiceDefaultsExtensions.OverviewTag], TimeSpan.FromSeconds(5)));
    }
}

/// <summary>Reports a downstream service as healthy only when its own readiness endpoint answers 200.</summary>
public sealed class DownstreamHealthCheck(IHttpClientFactory clients, Uri healthUri) : IHealthCheck
{
    public const string ClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(healthUri, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{healthUri.Authority} answered {(int)response.StatusCode}.");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"{healthUri.Authority} is unreachable.", ex);
        }
    }
}

/// <summary>
/// <c>/health/services</c>: every service the gateway routes to, each with its own readiness, for people and
/// <c>./platform</c> (200 only when all are ready). Not a probe: the gateway's readiness is <c>/health</c>, its own.
/// </summary>
internal static class ServicesHealth
{
    public static void MapServicesHealth(this WebApplication app) =>
        app.MapHealthChecks("/health/services", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ServiceDefaultsExtensions.OverviewTag),
            ResponseWriter = Platform.ServiceDefaults.Http.HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
}
