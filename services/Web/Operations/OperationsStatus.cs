using System.Text.Json;
using Platform.Web.Gateway;

namespace Platform.Web.Operations;

public sealed record ServiceStatus(string Name, string Health, string? Version, IReadOnlyList<(string Check, string Status)> Checks);

/// <summary>
/// Each service's health (<c>/api/{service}/health</c>, through the gateway with the operator's token) and version
/// (the <c>info.version</c> of its OpenAPI document), and the gateway's own <c>/health</c>.
/// </summary>
public sealed class OperationsStatus(GatewayClient gateway)
{
    public static readonly string[] Services = ["workforce", "finance", "placements", "inspections"];

    public async Task<IReadOnlyList<ServiceStatus>> ServicesAsync(CancellationToken cancellationToken)
    {
        var tasks = Services.Select(async service =>
        {
            var health = await gateway.GetTextAsync($"/api/{service}/health", cancellationToken);
            var openApi = await gateway.GetTextAsync($"/api/{service}/openapi/v1.json", cancellationToken);
            return new ServiceStatus(service, HealthOf(health), VersionOf(openApi), ChecksOf(health));
        }).ToList();
        var gatewayHealth = await gateway.GetTextAsync("/health", cancellationToken);
        var results = (await Task.WhenAll(tasks)).ToList();
        results.Insert(0, new ServiceStatus("gateway", HealthOf(gatewayHealth), typeof(OperationsStatus).Assembly.GetName().Version?.ToString(3), ChecksOf(gatewayHealth)));
        return results;
    }

    private static string HealthOf(ApiResult<string> health)
    {
        if (health.IsSuccess) return Read(health.Value!, root => root.GetProperty("status").GetString()) ?? "Healthy";
        return health.Problem!.Status == 503 ? "Unhealthy" : $"Unreachable ({health.Problem.Title})";
    }

    private static string? VersionOf(ApiResult<string> openApi) =>
        openApi.IsSuccess ? Read(openApi.Value!, root => root.GetProperty("info").GetProperty("version").GetString()) : null;

    private static IReadOnlyList<(string, string)> ChecksOf(ApiResult<string> health) =>
        health.IsSuccess
            ? Read<IReadOnlyList<(string, string)>>(health.Value!, root => root.GetProperty("checks").EnumerateObject()
                .Select(c => (c.Name, c.Value.GetProperty("status").GetString() ?? "")).ToList()) ?? []
            : [];

    private static T? Read<T>(string json, Func<JsonElement, T?> read)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return default;
        }
    }
}
