using Platform.Inspections.Infrastructure;
using Platform.Inspections.IntegrationEvents;
using Platform.ServiceDefaults.Caching;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Inspections;

internal static class ApplicationServices
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase<InspectionsDbContext>("inspectionsdb");
        builder.AddRedis();
        builder.Services.AddOptions<InspectionsOptions>().BindConfiguration("Inspections");
        builder.Services.AddSingleton<BoardCache>();
        builder.Services.AddHostedService<DailyChecks>();
        builder.AddMessaging("inspections", bus =>
        {
            bus.AddConsumer<EstablishmentPostCreatedConsumer>();
            bus.AddConsumer<EstablishmentVacancyOpenedConsumer>();
            bus.AddConsumer<EstablishmentVacancyFilledConsumer>();
            bus.AddConsumer<EstablishmentVacancyWithdrawnConsumer>();
            bus.AddConsumer<EstablishmentPostDeletedConsumer>();
            bus.AddConsumer<StaffMemberStartedConsumer>();
            bus.AddConsumer<StaffMemberLeftConsumer>();
            bus.AddConsumer<AgencyWorkerEngagedConsumer>();
            bus.AddConsumer<AgencyWorkerEndedConsumer>();
            bus.AddConsumer<CaseloadChangedConsumer>();
            bus.AddConsumer<SupervisionRecordedConsumer>();
            bus.AddConsumer<SupervisionOverdueConsumer>();
            bus.AddConsumer<CarePopulationChangedConsumer>();
            bus.AddConsumer<PlacementStartedConsumer>();
            bus.AddConsumer<PlacementEndedConsumer>();
            bus.AddConsumer<FosterCarerApprovedConsumer>();
            bus.AddConsumer<FosterCarerDeregisteredConsumer>();
            bus.AddConsumer<ForecastUpdatedConsumer>();
        });
    }
}
