using Platform.Contracts.Ingest.V1;
using Platform.Ingest.Application;
using Platform.Ingest.Domain;
using Platform.Ingest.Infrastructure;
using Platform.Ingest.IntegrationEvents;
using Platform.ServiceDefaults.Caching;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Ingest;

internal static class ApplicationServices
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddApiDefaults();
        builder.AddServiceDatabase<IngestDbContext>("ingestdb");
        builder.AddRedis();
        // Ingest sends commands to the owning services (published with publisher confirms, not the outbox:
        // docs/ingest.md explains why), consumes the AMQP ingest queue with plain RabbitMQ.Client, and hears back
        // from the owning services on one queue: applied (their outbox) or refused (MassTransit's Fault<T>).
        builder.AddMessaging("ingest", bus =>
        {
            bus.AddConsumer<IngestCommandAppliedConsumer>().Endpoint(e => e.Name = IngestCommandAppliedConsumer.Queue);
            foreach (var command in typeof(IngestCommand).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(IngestCommand)) && !t.IsAbstract))
            {
                MassTransit.RegistrationConfiguratorExtensions.AddConsumer(bus, typeof(IngestCommandRefusedConsumer<>).MakeGenericType(command), null)
                    .Endpoint(e => e.Name = IngestCommandAppliedConsumer.Queue);
            }
        });

        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .Validate(o => o.DefaultRateLimitPerMinute is >= 1 and <= ApiKey.MaxRateLimitPerMinute, "DefaultRateLimitPerMinute must be 1–100000.")
            .Validate(o => o.MaxBatchSize is >= 1 and <= 1000, "MaxBatchSize must be 1–1000.")
            .Validate(o => o.DuplicateWindowDays is >= 1 and <= 3650, "DuplicateWindowDays must be 1–3650.")
            .ValidateOnStart();
        builder.Services.AddSingleton(EventCatalogue.Default);
        builder.Services.AddSingleton<ApiKeyRateLimiter>();
        builder.Services.AddScoped<ApiKeyAuthenticator>();
        builder.Services.AddScoped<EventIngestor>();
        builder.Services.AddHostedService<AmqpIngestListener>();
    }
}
