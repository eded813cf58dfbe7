using Platform.Finance;
using Platform.Finance.Apis;
using Platform.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
app.MapBudgetsApi();
app.MapCommitmentsApi();
app.MapActualsApi();
app.MapForecastApi();
app.MapSavingsApi();
app.MapVirementsApi();
app.MapReportsApi();
app.Run();
