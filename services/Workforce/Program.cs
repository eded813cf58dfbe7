using Platform.ServiceDefaults.Http;
using Platform.Workforce;
using Platform.Workforce.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
app.MapEstablishmentApi();
app.MapStaffApi();
app.MapCaseloadsApi();
app.MapSupervisionApi();
app.MapRestructuresApi();
app.MapKpisApi();
app.Run();
