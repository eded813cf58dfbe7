using Platform.ServiceDefaults.Measures;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Finance.Application;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.Finance.IntegrationEvents;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Finance;

internal static class ApplicationServices
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase<FinanceDbContext>("financedb");
        // The domain events the entities raise, as the messages other services hear (written to the outbox by each save).
        builder.Services.AddSingleton<IIntegrationEventMapper, FinanceIntegrationEvents>();
        builder.Services.Configure<FinanceOptions>(builder.Configuration.GetSection(FinanceOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ForecastRecalculator>();
        builder.Services.AddScoped<CommitmentUpdater>();
        builder.Services.AddScoped<Application.RecordActual>();
        builder.Services.AddSingleton<DeferredForecastSignal>();
        builder.Services.AddHostedService<DeferredForecastService>();
        builder.AddMeasurePublishing<FinanceDbContext, FinanceMeasureSource>();
        builder.AddMessaging("finance", bus =>
        {
            bus.AddBatchConsumer<PostCreatedConsumer>(batchesInFlight: 2);
            bus.AddBatchConsumer<PostChangedConsumer>(batchesInFlight: 2);
            bus.AddBatchConsumer<PostDeletedConsumer>(batchesInFlight: 2);
            bus.AddBatchConsumer<AgencyWorkerEngagedConsumer>(batchesInFlight: 2);
            bus.AddBatchConsumer<AgencyWorkerEndedConsumer>(batchesInFlight: 2);
            bus.AddBatchConsumer<RedundancyConfirmedConsumer>(batchesInFlight: 2);
            bus.AddBatchConsumer<PlacementStartedConsumer>(batchesInFlight: 2);
            bus.AddBatchConsumer<PlacementChangedConsumer>(batchesInFlight: 2);
            bus.AddBatchConsumer<PlacementEndedConsumer>(batchesInFlight: 2);
            bus.AddConsumer<RecordActualSpendConsumer>();
        });
    }
}
