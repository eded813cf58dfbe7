// The platform's one model: its apps, their databases, the broker and the cache, their ports and who references
// what. How it runs (./platform up, dotnet run, the test): docs/aspire.md.
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

var builder = DistributedApplication.CreateBuilder(args);
// ./platform hands over the servers' connection strings and the secrets in a file only the AppHost reads: as
// environment variables of the AppHost they would reach every app it starts.
if (builder.Configuration["Platform:ConfigFile"] is { Length: > 0 } configFile)
{
    builder.Configuration.AddJsonFile(configFile, optional: false);
}

var infrastructure = PlatformInfrastructure.Add(builder);
var signingKey = builder.AddParameter("auth-signing-key", secret: true);

var workforce = AddService<Projects.Workforce>("workforce", infrastructure.WorkforceDb);
var finance = AddService<Projects.Finance>("finance", infrastructure.FinanceDb);
var placements = AddService<Projects.Placements>("placements", infrastructure.PlacementsDb);
// The board cache is in Redis.
var inspections = AddService<Projects.Inspections>("inspections", infrastructure.InspectionsDb, usesCache: true);
// Departmental event ingest (docs/ingest.md): /events on the gateway, the platform.ingest AMQP exchange; Redis for
// de-duplication and rate limits.
var ingest = AddService<Projects.Ingest>("ingest", infrastructure.IngestDb, usesCache: true);

// The web app (docs/web.md): no database; reads through the gateway, the broker for the live board, Redis for the
// Data Protection key ring its replicas share.
var web = AddApp<Projects.Web>("web")
    .WithReference(infrastructure.Messaging)
    .WithReference(infrastructure.Cache)
    .WithEnvironment("RabbitMq__ManagementUri", infrastructure.MessagingManagement)
    // The council named in the header: the demo's authority.
    .WithEnvironment("Council__Name", "Stoke-on-Trent City Council")
    .WaitFor(infrastructure.Messaging)
    .WaitFor(infrastructure.Cache);

// The YARP gateway: the one entry point, started with the apps.
var gateway = AddApp<Projects.Gateway>("gateway")
    .WithExternalHttpEndpoints();
foreach (var app in new[] { workforce, finance, placements, inspections, ingest, web })
{
    // The address only (an endpoint reference), and no WaitFor: the gateway starts with the apps (its /health reports
    // them until they answer), as on the lean path, instead of a start-up's worth of seconds after them; and the web
    // app calls back through the gateway, so there is no start-up cycle either.
    gateway.WithEnvironment($"services__{app.Resource.Name}__http__0", app.GetEndpoint("http"));
}
web.WithEnvironment("Gateway__BaseAddress", gateway.GetEndpoint("http"));

builder.Build().Run();

// A service with its own database and the broker; Redis only for those that use it (an app is given, and waits for,
// only what it needs: a Redis outage leaves the others ready).
IResourceBuilder<ProjectResource> AddService<TProject>(string name, IResourceBuilder<IResourceWithConnectionString> database, bool usesCache = false)
    where TProject : IProjectMetadata, new()
{
    var service = AddApp<TProject>(name)
        .WithReference(database)
        .WithReference(infrastructure.Messaging)
        .WaitFor(database)
        .WaitFor(infrastructure.Messaging);
    return usesCache ? service.WithReference(infrastructure.Cache).WaitFor(infrastructure.Cache) : service;
}

// An app on its fixed port (Platform:Ports:<name>, defaults as ./platform's), without a proxy in front (one process
// less per app, and the address is the same with and without the AppHost), healthy when its /health answers.
#pragma warning disable ASPIRECERTIFICATES001
IResourceBuilder<ProjectResource> AddApp<TProject>(string name) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name, launchProfileName: null)
        .WithBuiltOutput()
        .WithHttpEndpoint(port: PlatformPorts.Of(builder.Configuration, name), name: "http", isProxied: false)
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
