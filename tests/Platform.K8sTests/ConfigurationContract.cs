using Platform.ServiceDefaults.Model;

namespace Platform.K8sTests;

/// <summary>
/// What each process reads from its environment at start-up, derived from the platform's model
/// (AppHost/platform.json, <see cref="PlatformModel"/>): the manifests are checked against it. The model's database,
/// broker, cache and references mirror ServiceDefaults and the services' ApplicationServices.cs;
/// <see cref="ConfigurationContractTests"/> checks them against their source and against <c>./platform</c>, so a new
/// variable there fails a test until the model and the manifests provide it.
/// </summary>
public static class ConfigurationContract
{
    public static readonly string Gateway = PlatformModel.Gateway.Name;

    /// <summary>The services: each with a database of its own.</summary>
    public static readonly string[] Services = [.. PlatformModel.Services.Select(a => a.Name)];

    /// <summary>Every app of the model: a Deployment each.</summary>
    public static readonly string[] Processes = [.. PlatformModel.Apps.Select(a => a.Name)];

    /// <summary>The ASP.NET Core host and ServiceDefaults' telemetry, in every process.</summary>
    public static readonly string[] Common =
    [
        "ASPNETCORE_URLS",
        "ASPNETCORE_ENVIRONMENT",
        "OTEL_SERVICE_NAME",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
    ];

    /// <summary>Connection strings a process opens at start-up (<c>ConnectionStrings__&lt;name&gt;</c>): the model's.</summary>
    public static IReadOnlyList<string> ConnectionStrings(string process)
    {
        var app = PlatformModel.Get(process);
        return
        [
            .. app.Database is { } database ? [database] : Array.Empty<string>(),
            .. app.Messaging ? ["messaging"] : Array.Empty<string>(),
            .. app.Cache ? ["cache"] : Array.Empty<string>(),
        ];
    }

    /// <summary>Every environment variable the process needs, by name.</summary>
    public static IReadOnlyList<string> RequiredVariables(string process) =>
    [
        .. Common,
        .. ConnectionStrings(process).Select(c => $"ConnectionStrings__{c}"),
        .. PlatformModel.Get(process).References.Select(r => PlatformModel.AddressVariable(PlatformModel.Get(r))),
    ];

    /// <summary>The port every process listens on in the cluster (ASPNETCORE_URLS, container port, Dapr app port).</summary>
    public const int HttpPort = 8080;
}
