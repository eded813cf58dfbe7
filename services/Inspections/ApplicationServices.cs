using Platform.Inspections.Application;
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
        // The domain events the entities raise, as the messages other services hear (written to the outbox by each save).
        builder.Services.AddSingleton<IIntegrationEventMapper, InspectionsIntegrationEvents>();
        builder.AddRedis();
        builder.Services.AddOptions<InspectionsOptions>().BindConfiguration("Inspections");
        builder.Services.AddSingleton<BoardCache>();
        builder.Services.AddHostedService<DailyChecks>();
        builder.Services.AddScoped<ApplyMeasureSeries>();
        builder.Services.AddScoped<RecordAreaCommentary>();
        builder.AddMessaging("inspections", bus => bus.AddBatchConsumer<MeasureSeriesPublishedConsumer>());
    }
}
