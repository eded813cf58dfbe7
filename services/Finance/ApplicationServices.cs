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
            bus.AddBatchConsumer<PostCreatedConsumer>();
            bus.AddBatchConsumer<PostChangedConsumer>();
            bus.AddBatchConsumer<PostDeletedConsumer>();
            bus.AddBatchConsumer<AgencyWorkerEngagedConsumer>();
            bus.AddBatchConsumer<AgencyWorkerEndedConsumer>();
            bus.AddBatchConsumer<RedundancyConfirmedConsumer>();
            bus.AddBatchConsumer<PlacementStartedConsumer>();
            bus.AddBatchConsumer<PlacementChangedConsumer>();
            bus.AddBatchConsumer<PlacementEndedConsumer>();
            bus.AddConsumer<RecordActualSpendConsumer>();
        });
    }
}
