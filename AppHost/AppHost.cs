// The platform's one model, run: the apps, their databases, ports and references as platform.json declares them
// (read here, by ./platform and by the apps and tests: PlatformModel), with the broker and the cache. How it runs
// (./platform up, dotnet run, the test): docs/aspire.md.
//
// Contract with the apps (each receives only what it references):
//   ConnectionStrings__<service>db  its own PostgreSQL database (Npgsql key/value form)
//   ConnectionStrings__messaging    RabbitMQ, amqp://user:password@host:port
//   ConnectionStrings__cache        Redis, host:port,password=...
//   services__<app>__http__0        (gateway) each app's base address
//   Gateway__BaseAddress            (web) the gateway's base address
//   RabbitMq__ManagementUri         (web) the broker's management API, for the operations page
//   Auth__SigningKey                the local token signing key (parameter auth-signing-key; docs/security.md)
//   OTEL_*                          set by Aspire on every app, pointing at the dashboard
using Microsoft.Extensions.Configuration;
using Platform.AppHost;
using Platform.ServiceDefaults.Model;

var builder = DistributedApplication.CreateBuilder(args);
// ./platform hands over the servers' connection strings and the secrets in a file only the AppHost reads: as
// environment variables of the AppHost they would reach every app it starts.
if (builder.Configuration["Platform:ConfigFile"] is { Length: > 0 } configFile)
{
    builder.Configuration.AddJsonFile(configFile, optional: false);
}

var infrastructure = PlatformInfrastructure.Add(builder);
var signingKey = builder.AddParameter("auth-signing-key", secret: true);

// The apps of platform.json, in its order, each given only what the model says it uses (a Redis outage, say, leaves
// the apps that keep nothing there ready): its own database, the broker, Redis, and the addresses of the apps it references.
var apps = new Dictionary<string, IResourceBuilder<ProjectResource>>();
foreach (var app in PlatformModel.Apps)
{
    var resource = AddApp(app);
    if (app.Database is { } database) resource.WithReference(infrastructure.Databases[database]).WaitFor(infrastructure.Databases[database]);
    if (app.Messaging) resource.WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging);
    if (app.Cache) resource.WithReference(infrastructure.Cache).WaitFor(infrastructure.Cache);
    switch (app.Kind)
    {
        // The web app (docs/web.md): no database; reads through the gateway, the broker for the live board and the
        // operations page (its management API), Redis for the Data Protection key ring its replicas share.
        case PlatformModel.AppKind.Web:
            resource.WithEnvironment("RabbitMq__ManagementUri", infrastructure.MessagingManagement)
                // The council named in the header: the demo's authority.
                .WithEnvironment("Council__Name", "Stoke-on-Trent City Council");
            break;
        // The YARP gateway: the one entry point, started with the apps.
        case PlatformModel.AppKind.Gateway:
            resource.WithExternalHttpEndpoints();
            break;
    }
    apps[app.Name] = resource;
}
foreach (var app in PlatformModel.Apps)
{
    foreach (var referenced in app.References.Select(PlatformModel.Get))
    {
        // The address only (an endpoint reference), and no WaitFor: the gateway starts with the apps (its /health
        // reports them until they answer), as on the lean path, instead of a start-up's worth of seconds after them;
        // and the web app calls back through the gateway, so there is no start-up cycle either.
        apps[app.Name].WithEnvironment(PlatformModel.AddressVariable(referenced), apps[referenced.Name].GetEndpoint("http"));
    }
}

builder.Build().Run();

// An app on its fixed port (Platform:Ports:<name>, else the model's, as ./platform's), without a proxy in front (one
// process less per app, and the address is the same with and without the AppHost), healthy when its /health answers.
#pragma warning disable ASPIRECERTIFICATES001
IResourceBuilder<ProjectResource> AddApp(PlatformModel.App app) =>
    builder.AddProject(app.Name, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", app.Project)), launchProfileName: null)
        .WithBuiltOutput()
        .WithHttpEndpoint(port: PlatformPorts.Of(builder.Configuration, app), name: "http", isProxied: false)
        .WithHttpHealthCheck("/health")
        // Plain HTTP on loopback behind the gateway (TLS ends in front of it): no development certificate to trust, and
        // no "No trusted development certificate" banner on the dashboard. (An evaluation API in 13.6.)
        .WithoutHttpsCertificate()
        // The apps run as they would in production (no development-only behaviour) unless Platform:AppEnvironment says otherwise.
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Configuration["Platform:AppEnvironment"] is { Length: > 0 } environment ? environment : "Production")
        // Aspire turns URL query redaction off in development; queries can carry a child's identifier, so it stays on.
        .WithEnvironment("OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION", "false")
        .WithEnvironment("OTEL_DOTNET_EXPERIMENTAL_HTTPCLIENT_DISABLE_URL_QUERY_REDACTION", "false")
        .WithEnvironment("Auth__SigningKey", signingKey);
#pragma warning restore ASPIRECERTIFICATES001
