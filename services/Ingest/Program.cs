using Platform.Ingest;
using Platform.Ingest.Apis;
using Platform.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
app.MapKeysApi();
app.MapEventsApi();
app.MapEventStatusApi();
app.MapAuditApi();
app.Run();
