using Platform.ServiceDefaults.Measures;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;
using Platform.Workforce.IntegrationEvents;

namespace Platform.Workforce;

internal static class ApplicationServices
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase<WorkforceDbContext>("workforcedb");
        // The domain events the entities raise, as the messages other services hear (written to the outbox by each save).
        builder.Services.AddSingleton<IIntegrationEventMapper, WorkforceIntegrationEvents>();
        // HR and case management events come in through the departmental ingest as commands.
        builder.AddMessaging("workforce", bus =>
        {
            bus.AddConsumer<RecordStarterConsumer>();
            bus.AddConsumer<RecordLeaverConsumer>();
            bus.AddConsumer<RecordAbsenceConsumer>();
            bus.AddConsumer<AllocateCaseConsumer>();
            bus.AddConsumer<ReleaseCaseConsumer>();
        });

        // The use cases, called by the endpoints and the ingest consumers alike.
        builder.Services.AddScoped<Application.StartWorker>();
        builder.Services.AddScoped<Application.RecordLeaving>();
        builder.Services.AddScoped<Application.RecordAbsence>();
        builder.Services.AddScoped<Application.AllocateCase>();
        builder.Services.AddScoped<Application.ReleaseCase>();
        builder.Services.AddScoped<Application.TransferCase>();
        builder.Services.AddOptions<WorkforceOptions>().BindConfiguration(WorkforceOptions.Section)
            .Validate(o => o.DefaultCaseloadWarning >= 1 && o.DefaultCaseloadCritical > o.DefaultCaseloadWarning, "Caseload thresholds: critical must be above warning, warning at least 1.")
            .Validate(o => o.SupervisionIntervalDays is >= 1 and <= 366, "SupervisionIntervalDays must be 1–366.")
            .ValidateOnStart();
        builder.Services.AddScoped<SupervisionRegister>();
        builder.Services.AddScoped<CaseloadThresholds>();
        builder.Services.AddScoped<RestructureImplementation>();
        builder.Services.AddScoped<WorkforceKpis>();
        builder.Services.AddScoped<Application.RestructureRecruitment>();
        builder.Services.AddHostedService<SupervisionOverdueMonitor>();
        builder.AddMeasurePublishing<WorkforceDbContext, WorkforceMeasureSource>();
    }
}
