using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Readiness of the service's consumers, from each receive endpoint's own state changes: ready only while every
/// endpoint that started is consuming. MassTransit's bus check can report Healthy after the broker went away,
/// when the broker cancelled the consumers on its way down (the endpoints complete instead of faulting); this check
/// reports them as not ready until they are consuming again.
/// </summary>
internal sealed class ReceiveEndpointReadiness : IReceiveEndpointObserver, IHealthCheck
{
    private readonly ConcurrentDictionary<Uri, string> _notReady = new();

    public Task Ready(ReceiveEndpointReady ready)
    {
        _notReady.TryRemove(ready.InputAddress, out _);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping)
    {
        _notReady[stopping.InputAddress] = "stopping";
        return Task.CompletedTask;
    }

    public Task Completed(ReceiveEndpointCompleted completed)
    {
        _notReady[completed.InputAddress] = "stopped";
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        _notReady[faulted.InputAddress] = "faulted: " + (faulted.Exception?.GetBaseException().Message ?? "unknown reason");
        return Task.CompletedTask;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_notReady.IsEmpty)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Consuming"));
        }
        var endpoints = string.Join("; ", _notReady.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal)
            .Select(e => $"{e.Key.AbsolutePath.Trim('/').Split('/')[^1]} {e.Value}"));
        return Task.FromResult(HealthCheckResult.Unhealthy("Not consuming: " + endpoints));
    }
}
