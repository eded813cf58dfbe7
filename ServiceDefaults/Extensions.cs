using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Secrets;
using Platform.ServiceDefaults.Security;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The cross-cutting set-up every service and the gateway share: telemetry, health, problem details,
/// resilient HTTP clients and service discovery. Mirrors what an Aspire ServiceDefaults project provides,
/// so the same binaries run under the Aspire AppHost, <c>./platform up</c> and Kubernetes.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of health checks that tell whether the process is alive (liveness).</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of health checks that tell whether the process can serve traffic (readiness).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Tag of health checks of other apps, for people (the gateway's <c>/health/services</c>): never part of an app's own
    /// readiness, since one service down must not take the apps that do not need it out of service.
    /// </summary>
    public const string OverviewTag = "overview";

    /// <summary>Logging categories that write request URLs, kept at Warning or above (docs/security.md).</summary>
    private static readonly string[] PathLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.Routing.EndpointMiddleware",
        "Yarp.ReverseProxy.Forwarder",
        "System.Net.Http.HttpClient",
    ];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // First: passwords from the Dapr secret store (Kubernetes) before anything reads a connection string.
        builder.AddPlatformSecrets();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // The same body limit at the gateway as behind it, refused up front (413 problem+json, never a 502).
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = ApiDefaults.MaxRequestBodyBytes);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // These categories print request paths (which carry child identifiers) at Information: never below Warning.
        foreach (var category in PathLoggingCategories) builder.Logging.AddFilter(category, LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter("Npgsql")
                .AddMeter(PlatformTelemetry.MeterName))
            .WithTracing(tracing => tracing
                // Parent-based whatever OTEL_TRACES_SAMPLER says (Aspire sets always_on): what happens under an
                // unrecorded span (a health probe) is not recorded either.
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddSource(PlatformTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes every few seconds would drown real traffic in the dashboard.
                    options.Filter = context => !IsHealthPath(context.Request.Path);
                    // Child identifiers travel in paths: spans record the route template instead (PersonalData).
                    options.EnrichWithHttpResponse = (activity, response) => PersonalData.RedactServerSpan(activity, response.HttpContext);
                })
                .AddHttpClientInstrumentation(options =>
                {
                    options.EnrichWithHttpRequestMessage = (activity, request) => PersonalData.RedactClientSpan(activity, request.RequestUri);
                    options.EnrichWithHttpResponseMessage = (activity, response) => PersonalData.RedactClientSpan(activity, response.RequestMessage?.RequestUri);
                })
                .AddNpgsql());

        // The Aspire dashboard (and any OTLP collector) is addressed by the standard OTEL_* variables.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every dependency the app itself needs) and <c>/alive</c> (liveness: the process only) in every
    /// environment, since Kubernetes probes and <c>./platform up</c> rely on them. They expose status, not data, so they
    /// need no token.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = check => !check.Tags.Contains(OverviewTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
            // MassTransit reports a lost broker as Degraded (its endpoints cannot receive): not ready either.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    private static bool IsHealthPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
