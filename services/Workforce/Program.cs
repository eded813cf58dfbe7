using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;
using Platform.Workforce;
using Platform.Workforce.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();
// Request shape is declared on the request records (Application/WorkforceValidation.cs) and checked before a handler runs.
builder.Services.AddValidation();

var app = builder.Build();
app.UseApiDefaults();
var api = app.MapGroup("").RequireServicePolicies(PlatformRoles.WorkforceManager).RequireDeclaredParameters();
api.MapEstablishmentApi();
api.MapStaffApi();
api.MapCaseloadsApi();
api.MapSupervisionApi();
api.MapRestructuresApi();
api.MapKpisApi();
api.MapAuditApi();
app.Run();
