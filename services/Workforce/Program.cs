using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;
using Platform.Workforce;
using Platform.Workforce.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
var api = app.MapGroup("").RequireServicePolicies(PlatformRoles.WorkforceManager);
api.MapEstablishmentApi();
api.MapStaffApi();
api.MapCaseloadsApi();
api.MapSupervisionApi();
api.MapRestructuresApi();
api.MapKpisApi();
api.MapAuditApi();
app.Run();
