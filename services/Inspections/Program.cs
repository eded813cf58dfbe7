using Platform.Inspections;
using Platform.Inspections.Apis;
using Platform.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
app.MapInspectionsApi();
app.MapPlanApi();
app.MapOversightApi();
app.MapIndicatorsApi();
app.MapBoardApi();
app.Run();
