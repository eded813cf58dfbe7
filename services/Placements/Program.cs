using Platform.Placements;
using Platform.Placements.Apis;
using Platform.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
app.MapChildrenApi();
app.MapFosterCarersApi();
app.MapRateCardApi();
app.MapIndicatorsApi();
app.MapSsda903Api();
app.Run();
