using Platform.ServiceDefaults.Caching;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce;

internal static class ApplicationServices
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase<WorkforceDbContext>("workforcedb");
        builder.AddRedis();
        // Workforce only publishes; HR events come in through the departmental ingest.
        builder.AddMessaging("workforce");

        builder.Services.AddOptions<WorkforceOptions>().BindConfiguration(WorkforceOptions.Section)
            .Validate(o => o.DefaultCaseloadWarning >= 1 && o.DefaultCaseloadCritical > o.DefaultCaseloadWarning, "Caseload thresholds: critical must be above warning, warning at least 1.")
            .Validate(o => o.SupervisionIntervalDays is >= 1 and <= 366, "SupervisionIntervalDays must be 1–366.")
            .ValidateOnStart();
        builder.Services.AddScoped<SupervisionRegister>();
        builder.Services.AddScoped<CaseloadThresholds>();
        builder.Services.AddScoped<RestructureImplementation>();
        builder.Services.AddScoped<WorkforceKpis>();
        builder.Services.AddHostedService<SupervisionOverdueMonitor>();
    }
}
