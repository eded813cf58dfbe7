using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.ServiceDefaults.Model;

/// <summary>
/// The platform's shape as <c>AppHost/platform.json</c> declares it: the apps in start order, each with its project,
/// local port, database, broker, cache, gateway route and the apps whose address it is given. The file is built into
/// the assembly (a resource), so the gateway and the web app read it wherever they run, Kubernetes included.
/// </summary>
/// <remarks>
/// Public in ServiceDefaults (PlatformModel.Public.cs); the AppHost, its tests and the bench, which do not reference
/// ServiceDefaults, compile this file and the json into themselves, where the class is internal.
/// </remarks>
static partial class PlatformModel
{
    /// <summary>The resource name the json is built in under (<c>LogicalName</c> in each project file).</summary>
    public const string ResourceName = "platform.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Every app, in start order (services, the web app, then the gateway).</summary>
    public static IReadOnlyList<App> Apps { get; } = Load();

    /// <summary>The apps of kind <see cref="AppKind.Service"/>: each with a database of its own.</summary>
    public static IReadOnlyList<App> Services { get; } = [.. Apps.Where(a => a.Kind == AppKind.Service)];

    /// <summary>The apps the gateway routes <c>/api/&lt;name&gt;/</c> to.</summary>
    public static IReadOnlyList<App> Routed { get; } = [.. Apps.Where(a => a.Api is not null)];

    /// <summary>
    /// The services the gateway routes by role (<see cref="ApiAccess.Roles"/>): reads by any platform role, writes by
    /// platform-admin or the service's writer (PlatformRoles.ServiceWriters).
    /// </summary>
    public static IReadOnlyList<App> RoutedByRole { get; } = [.. Routed.Where(a => a.Api == ApiAccess.Roles)];

    /// <summary>The one gateway.</summary>
    public static App Gateway { get; } = Apps.Single(a => a.Kind == AppKind.Gateway);

    /// <summary>The app of that name.</summary>
    public static App Get(string name) =>
        Apps.SingleOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"'{name}' is not an app of AppHost/platform.json.");

    /// <summary>
    /// The variable an app is given a referenced app's address in: <c>Gateway__BaseAddress</c> for the gateway (the web
    /// app's setting), else Aspire's service discovery form, <c>services__&lt;name&gt;__http__0</c>.
    /// </summary>
    public static string AddressVariable(App referenced) =>
        referenced.Kind == AppKind.Gateway ? "Gateway__BaseAddress" : $"services__{referenced.Name}__http__0";

    /// <summary>Parses and checks a model (the built-in one by default).</summary>
    public static IReadOnlyList<App> Load(Stream? json = null)
    {
        using var stream = json ?? typeof(PlatformModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not built into {typeof(PlatformModel).Assembly.GetName().Name}.");
        var file = JsonSerializer.Deserialize<ModelFile>(stream, Options) ?? throw new InvalidOperationException($"{ResourceName} is empty.");
        var apps = file.Apps;
        var problems = new List<string>();
        foreach (var duplicate in apps.GroupBy(a => a.Name).Where(g => g.Count() > 1)) problems.Add($"'{duplicate.Key}' is declared twice.");
        foreach (var shared in apps.GroupBy(a => a.Port).Where(g => g.Count() > 1)) problems.Add($"port {shared.Key} is shared by {string.Join(", ", shared.Select(a => a.Name))}.");
        foreach (var shared in apps.Where(a => a.Database is not null).GroupBy(a => a.Database).Where(g => g.Count() > 1)) problems.Add($"database {shared.Key} is shared.");
        if (apps.Count(a => a.Kind == AppKind.Gateway) != 1) problems.Add("there must be exactly one gateway.");
        foreach (var app in apps)
        {
            if (app.Kind == AppKind.Service && app.Database is null) problems.Add($"{app.Name}: a service has a database of its own.");
            foreach (var reference in app.References.Where(r => r == app.Name || apps.All(a => a.Name != r)))
                problems.Add($"{app.Name}: references '{reference}', which is not another app.");
        }
        return problems.Count == 0 ? apps : throw new InvalidOperationException($"{ResourceName}: {string.Join(" ", problems)}");
    }

    /// <summary>One app of the platform.</summary>
    /// <param name="Name">The resource, process and service name (<c>OTEL_SERVICE_NAME</c>).</param>
    /// <param name="Kind">Service, web app or gateway.</param>
    /// <param name="Project">Its project file, from the repository root (forward slashes).</param>
    /// <param name="Port">Its local default port (<c>Platform:Ports:&lt;name&gt;</c>, <c>PLATFORM_&lt;NAME&gt;_PORT</c>).</param>
    /// <param name="Database">Its own PostgreSQL database (<c>ConnectionStrings__&lt;database&gt;</c>), if any.</param>
    /// <param name="Messaging">Given RabbitMQ (<c>ConnectionStrings__messaging</c>).</param>
    /// <param name="Cache">Given Redis (<c>ConnectionStrings__cache</c>).</param>
    /// <param name="Api">How the gateway routes <c>/api/&lt;name&gt;/</c> to it, if it does.</param>
    /// <param name="References">The apps whose address it is given (<see cref="AddressVariable"/>).</param>
    public sealed record App(
        string Name, AppKind Kind, string Project, int Port, string? Database, bool Messaging, bool Cache, ApiAccess? Api,
        IReadOnlyList<string> References);

    /// <summary>What an app is.</summary>
    public enum AppKind
    {
        /// <summary>A service: its own database, behind the gateway.</summary>
        Service,
        /// <summary>The web app.</summary>
        Web,
        /// <summary>The gateway, the one entry point.</summary>
        Gateway,
    }

    /// <summary>Who may call an app's <c>/api/&lt;name&gt;/</c> through the gateway.</summary>
    public enum ApiAccess
    {
        /// <summary>Reads by any platform role; writes by platform-admin or the service's writer role.</summary>
        Roles,
        /// <summary>platform-admin only.</summary>
        Admin,
    }

    private sealed record ModelFile(IReadOnlyList<App> Apps)
    {
        [JsonPropertyName("$comment")]
        public IReadOnlyList<string>? Comment { get; init; }
    }
}
