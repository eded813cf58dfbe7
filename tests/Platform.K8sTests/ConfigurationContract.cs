namespace Platform.K8sTests;

/// <summary>
/// What each process reads from its environment at start-up: the single list the manifests are checked against.
/// It mirrors ServiceDefaults and the services' ApplicationServices.cs; <see cref="ConfigurationContractTests"/>
/// checks it against their source and against <c>./platform</c>, so a new variable there fails a test until the
/// manifests provide it.
/// </summary>
public static class ConfigurationContract
{
    public const string Gateway = "gateway";

    public static readonly string[] Services = ["workforce", "finance", "placements", "inspections", "ingest"];

    public static readonly string[] Processes = [Gateway, .. Services];

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

    /// <summary>Connection strings a process opens at start-up (<c>ConnectionStrings__&lt;name&gt;</c>).</summary>
    public static IReadOnlyList<string> ConnectionStrings(string process) =>
        process == Gateway ? [] : [$"{process}db", "messaging", "cache"];

    /// <summary>Every environment variable the process needs, by name.</summary>
    public static IReadOnlyList<string> RequiredVariables(string process) =>
    [
        .. Common,
        .. process == Gateway
            ? Services.Select(s => $"services__{s}__http__0")
            : ConnectionStrings(process).Select(c => $"ConnectionStrings__{c}"),
    ];

    /// <summary>The port every process listens on in the cluster (ASPNETCORE_URLS, container port, Dapr app port).</summary>
    public const int HttpPort = 8080;
}
