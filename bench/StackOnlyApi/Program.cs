// The footprint's stack-only baseline: what a service registers from the platform's libraries, without business code.
// Cross-cutting set-up as in services/*/Program.cs and ApplicationServices.cs: ServiceDefaults (OpenTelemetry, health
// checks, problem details, resilient HTTP clients, service discovery), the API defaults (JWT bearer auth and the role
// policies, OpenAPI, JSON options, idempotency keys), the service database (EF Core on Npgsql: the outbox, inbox and
// audit tables, migrations at start-up, the outbox dispatcher, a readiness check) and MassTransit on RabbitMQ with one
// inbox consumer (and, for section 1's ceiling, a batch consumer: StackDbContext.cs). Configuration from the environment: ConnectionStrings__stackdb, ConnectionStrings__messaging and the
// Auth__* settings the services get from ./platform.
using Microsoft.EntityFrameworkCore;
using Platform.Bench.StackOnly;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApiDefaults();
builder.AddServiceDatabase<StackDbContext>("stackdb");
// With StackOnly:Pipeline (section 1, on a virtual host of its own), also Finance's consumers' shape without their rules.
var pipeline = builder.Configuration.GetValue<bool>("StackOnly:Pipeline");
builder.AddMessaging("stack-only", bus =>
{
    bus.AddConsumer<PingConsumer>();
    if (pipeline) bus.AddBatchConsumer<PostCreatedEffectConsumer>(batchesInFlight: 2);
});
builder.Services.AddValidation();

var app = builder.Build();
app.UseApiDefaults();
// The one endpoint, as bench/MinimalApi's (anonymous: the bench calls it without a token).
app.MapGet("/", () => "ok").AllowAnonymous();

// Started (migrations applied, bus up), then one trivial query, so EF's query pipeline is compiled as in a service.
await app.StartAsync();
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<StackDbContext>();
    _ = await db.Items.AsNoTracking().CountAsync();
}
await app.WaitForShutdownAsync();
