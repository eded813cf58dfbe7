using Platform.Placements;
using Platform.Placements.Apis;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();
// Request shape is declared on the request records (Application/PlacementsValidation.cs) and checked before a handler runs.
builder.Services.AddValidation();

var app = builder.Build();
app.UseApiDefaults();
var api = app.MapGroup("").RequireServicePolicies(PlatformRoles.PlacementsOfficer).RequireDeclaredParameters();
api.MapChildrenApi();
api.MapFosterCarersApi();
api.MapRateCardApi();
api.MapIndicatorsApi();
api.MapSsda903Api();
api.MapAuditApi();
app.Run();
