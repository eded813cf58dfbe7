using Platform.Finance;
using Platform.Finance.Apis;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();
// Request shape is declared on the request records (Application/FinanceValidation.cs) and checked before a handler runs.
builder.Services.AddValidation();

var app = builder.Build();
app.UseApiDefaults();
var api = app.MapGroup("").AddEndpointFilter<ConflictFilter>().RequireServicePolicies(PlatformRoles.FinanceOfficer).RequireDeclaredParameters();
api.MapBudgetsApi();
api.MapCommitmentsApi();
api.MapActualsApi();
api.MapForecastApi();
api.MapSavingsApi();
api.MapVirementsApi();
api.MapReportsApi();
api.MapAuditApi();
app.Run();
