using System.Text.Json;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Model;
using Platform.Web.Gateway;

namespace Platform.Web.Operations;

public sealed record ServiceStatus(string Name, string Health, string? Version, string? Commit, IReadOnlyList<(string Check, string Status)> Checks);

/// <summary>
/// Every app of the platform with its health, release and commit: the gateway (its own <c>/health</c>), this web app
/// (itself) and the routed apps of AppHost/platform.json (<c>/api/{service}/health</c>, through the gateway with the operator's token).
/// </summary>
public sealed class OperationsStatus(GatewayClient gateway)
{
    /// <summary>The apps behind the gateway's <c>/api/{name}</c> routes (AppHost/platform.json).</summary>
    public static readonly string[] RoutedApps = [.. PlatformModel.Routed.Select(a => a.Name)];

    public async Task<IReadOnlyList<ServiceStatus>> ServicesAsync(CancellationToken cancellationToken)
    {
        var routed = RoutedApps.Select(async app => Status(app, await gateway.GetTextAsync($"/api/{app}/health", cancellationToken))).ToList();
        var gatewayStatus = Status("gateway", await gateway.GetTextAsync("/health", cancellationToken));
        var self = AppVersion.Of(typeof(OperationsStatus).Assembly);
        return [gatewayStatus, new ServiceStatus("web", "Healthy", self.Version, self.Commit, []), .. await Task.WhenAll(routed)];
    }

    private static ServiceStatus Status(string app, ApiResult<string> health) =>
        new(app, HealthOf(health), ReadString(health, "version"), ReadString(health, "commit"), ChecksOf(health));

    /// <summary>A top-level string of the health answer (a 503 still carries its body).</summary>
    private static string? ReadString(ApiResult<string> health, string property) =>
        health.IsSuccess ? Read(health.Value!, root => root.TryGetProperty(property, out var value) ? value.GetString() : null) : null;

    private static string HealthOf(ApiResult<string> health)
    {
        if (health.IsSuccess) return Read(health.Value!, root => root.GetProperty("status").GetString()) ?? "Healthy";
        return health.Problem!.Status == 503 ? "Unhealthy" : $"Unreachable ({health.Problem.Title})";
    }

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
