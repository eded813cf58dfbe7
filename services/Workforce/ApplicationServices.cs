using Platform.ServiceDefaults.Caching;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce;

internal static class ApplicationServices
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase<WorkforceDbContext>("workforcedb");
        builder.AddRedis();
        // Workforce only publishes for now; consumers of HR events arrive with the ingest work.
        builder.AddMessaging("workforce");
    }
}
