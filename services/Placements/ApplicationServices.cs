using Platform.ServiceDefaults.Measures;
using Platform.Placements.Infrastructure;
using Platform.Placements.IntegrationEvents;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Placements;

internal static class ApplicationServices
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase<PlacementsDbContext>("placementsdb");
        // The domain events the entities raise, as the messages other services hear (written to the outbox by each save).
        builder.Services.AddSingleton<IIntegrationEventMapper, PlacementsIntegrationEvents>();
        builder.AddMessaging("placements", bus => bus.AddConsumer<SetUnder18PopulationConsumer>());
        builder.AddMeasurePublishing<PlacementsDbContext, PlacementMeasureSource>();
        builder.Services.AddScoped<Application.Ssda903Returns>();
        builder.Services.AddScoped<Application.CareComparisonQuery>();
        builder.Services.AddScoped<Application.SetUnder18Population>();
        builder.Services.AddScoped<Application.MonthlyIndicators>();
    }
}
