using Platform.Inspections;
using Platform.Inspections.Apis;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();
// Request shape is declared on the request records (Apis/ApiRules.cs) and checked before a handler runs.
builder.Services.AddValidation();

var app = builder.Build();
app.UseApiDefaults();
var api = app.MapGroup("").RequireServicePolicies(PlatformRoles.ImprovementLead).RequireDeclaredParameters();
api.MapInspectionsApi();
api.MapPlanApi();
api.MapAreasApi();
api.MapOversightApi();
api.MapIndicatorsApi();
api.MapBoardApi();
api.MapAuditApi();
app.Run();
