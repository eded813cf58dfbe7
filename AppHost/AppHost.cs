// Aspire 13 AppHost: declares the platform's infrastructure and services for local orchestration.
// Compiled only with UseAspire=true (see AppHost.csproj and docs/aspire.md).
//
// Contract with the services (the same one `./platform up` provides without Aspire):
//   ConnectionStrings__<service>db  PostgreSQL database of the service (Npgsql key/value form)
//   ConnectionStrings__messaging    RabbitMQ, amqp://user:password@host:port
//   ConnectionStrings__cache        Redis, host:port,password=...
//   services__<service>__http__0    (gateway only) base address of each service
//   Auth__SigningKey                local token signing key, from the secret parameter auth-signing-key
//                                   (Parameters:auth-signing-key in user secrets; docs/security.md)
//   OTEL_*                          set by Aspire on every project, pointing at the dashboard

var builder = DistributedApplication.CreateBuilder(args);

// ----- Infrastructure (containers) -----

var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin();

var postgres = builder.AddPostgres("postgres")
    .WithDataVolume()
    .WithPgAdmin();

var workforceDb = postgres.AddDatabase("workforcedb");
var financeDb = postgres.AddDatabase("financedb");
var placementsDb = postgres.AddDatabase("placementsdb");
var inspectionsDb = postgres.AddDatabase("inspectionsdb");
var ingestDb = postgres.AddDatabase("ingestdb");

var cache = builder.AddRedis("cache");

// The local key tokens are signed and validated with (./platform token prints tokens for the up profile's key).
var signingKey = builder.AddParameter("auth-signing-key", secret: true);

// ----- Services -----

var workforce = AddService<Projects.Workforce>("workforce", workforceDb);
var finance = AddService<Projects.Finance>("finance", financeDb);
var placements = AddService<Projects.Placements>("placements", placementsDb);
var inspections = AddService<Projects.Inspections>("inspections", inspectionsDb);
// Departmental event ingest (docs/ingest.md): /events on the gateway, the platform.ingest AMQP exchange.
var ingest = AddService<Projects.Ingest>("ingest", ingestDb);

// ----- Web app (docs/web.md): no database; reads through the gateway, RabbitMQ for the live board -----

var web = builder.AddProject<Projects.Web>("web")
    .WithPlainHttpEndpoint()
    .WithReference(messaging)
    .WithReference(cache) // the shared Data Protection key ring of its replicas
    .WithEnvironment("Auth__SigningKey", signingKey)
    .WaitFor(messaging)
    .WaitFor(cache);

// ----- Gateway (YARP) -----

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithPlainHttpEndpoint()
    .WithExternalHttpEndpoints()
    .WithReference(workforce)
    .WithReference(finance)
    .WithReference(placements)
    .WithReference(inspections)
    .WithReference(ingest)
    .WithReference(web)
    .WithReference(cache)
    .WithEnvironment("Auth__SigningKey", signingKey)
    .WaitFor(workforce)
    .WaitFor(finance)
    .WaitFor(placements)
    .WaitFor(inspections)
    .WaitFor(ingest)
    .WaitFor(cache);

// The web app calls the APIs back through the gateway (an endpoint reference: no start-up cycle).
web.WithEnvironment("Gateway__BaseAddress", gateway.GetEndpoint("http"));

builder.Build().Run();

IResourceBuilder<ProjectResource> AddService<TProject>(
    string name,
    IResourceBuilder<PostgresDatabaseResource> database)
    where TProject : IProjectMetadata, new()
{
    return builder.AddProject<TProject>(name)
        .WithPlainHttpEndpoint()
        .WithReference(database)
        .WithReference(messaging)
        .WithReference(cache)
        .WithEnvironment("Auth__SigningKey", signingKey)
        .WaitFor(database)
        .WaitFor(messaging)
        .WaitFor(cache);
}

/// <summary>Helpers for the project resources of the AppHost.</summary>
internal static class PlatformResourceBuilderExtensions
{
    /// <summary>
    /// Makes sure the project has an endpoint named "http" with the http scheme, so that
    /// <c>WithReference(project)</c> injects <c>services__{name}__http__0</c>. When the project's
    /// launch profile (or Kestrel configuration) already declares one, it is kept as it is.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlainHttpEndpoint(this IResourceBuilder<ProjectResource> project) =>
        project.WithEndpoint("http", endpoint => endpoint.UriScheme = "http", createIfNotExists: true);
}
