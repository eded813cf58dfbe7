using Platform.Finance.Infrastructure;
using Platform.Finance.IntegrationEvents;
using Platform.ServiceDefaults.Caching;
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
        builder.AddRedis();
        builder.AddMessaging("finance", bus =>
        {
            bus.AddConsumer<PostCreatedConsumer>();
            bus.AddConsumer<PlacementStartedConsumer>();
        });
    }
}
