using Platform.ServiceDefaults.Security;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway;

/// <summary>
/// Routes of the departmental ingest (docs/ingest.md), from <c>services__ingest__http__0</c>. <c>/events</c> and
/// <c>/events/...</c> pass without a bearer token: departmental systems send an API key, which the Ingest service
/// checks itself (and rate-limits per key in Redis). <c>/api/ingest/...</c> (API keys, audit) is platform-admin only.
/// </summary>
internal static class IngestRoutes
{
    public const string Service = "ingest";

    public static void Add(IConfiguration configuration, List<RouteConfig> routes, List<ClusterConfig> clusters, IHealthChecksBuilder health)
    {
        var address = configuration[$"services:{Service}:http:0"];
        if (string.IsNullOrWhiteSpace(address)) return;

        GatewayRoutes.AddDocsRoutes(routes, Service);
        routes.Add(new RouteConfig
        {
            RouteId = $"{Service}-admin",
            ClusterId = Service,
            Match = new RouteMatch { Path = $"/api/{Service}/{{**rest}}" },
            AuthorizationPolicy = PlatformRoles.AdminPolicy,
            Transforms = GatewayRoutes.PrefixRemoved(Service),
        });
        routes.Add(new RouteConfig
        {
            RouteId = $"{Service}-events",
            ClusterId = Service,
            Match = new RouteMatch { Path = "/events/{**rest}" },
            AuthorizationPolicy = "anonymous",
        });
        GatewayRoutes.AddCluster(clusters, health, Service, address);
    }
}
