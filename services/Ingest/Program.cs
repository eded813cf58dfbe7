using Platform.Ingest;
using Platform.Ingest.Apis;
using Platform.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();
// Request shape is declared on the request records (Application/IngestValidation.cs) and checked before a handler runs.
builder.Services.AddValidation();

var app = builder.Build();
app.UseApiDefaults();
var api = app.MapGroup("").RequireDeclaredParameters();
api.MapKeysApi();
api.MapEventsApi();
api.MapEventStatusApi();
api.MapAuditApi();
app.Run();
