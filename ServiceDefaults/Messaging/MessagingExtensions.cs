using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Domain;

namespace Platform.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ from <c>ConnectionStrings__messaging</c> (an amqp:// URI, as Aspire injects it).
    /// Queues are kebab-case and prefixed with the service name (<c>finance-post-created</c>) so two services
    /// consuming the same event each get their own copy. A message that fails because a dependency is down waits
    /// for it (backing off to a minute, about 20 minutes in all) and is not parked; one that may pass otherwise gets a few
    /// quick retries; then it moves to the queue's <c>_error</c> queue with the exception (type, message, stack) in its
    /// <c>MT-Fault-*</c> headers; that includes messages that cannot be deserialised and broken business rules (at once). Messages of a type no consumer on the queue
    /// handles go to <c>_skipped</c> with <c>MT-Reason</c>. Either way the queue keeps flowing.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("Connection string 'messaging' is missing: set ConnectionStrings__messaging.");
        var broker = new Uri(connectionString);
        var transientRetryLimit = builder.Configuration.GetValue("Messaging:TransientRetryLimit", 25);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            configureConsumers?.Invoke(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var credentials = Uri.UnescapeDataString(broker.UserInfo).Split(':', 2);
                var virtualHost = broker.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
                rabbit.Host(broker.Host, (ushort)(broker.IsDefaultPort ? 5672 : broker.Port), virtualHost, host =>
                {
                    if (credentials.Length == 2)
                    {
                        host.Username(credentials[0]);
                        host.Password(credentials[1]);
                    }
                    host.PublisherConfirmation = true;
                });

                // Outer: a dependency is down (the database, the cache). That is no fault of the message, so it is not
                // parked: it waits, backing off to a minute between tries, for about 20 minutes (Messaging:TransientRetryLimit,
                // 25 tries; kept under RabbitMQ's 30-minute consumer timeout, which would otherwise requeue it). While its messages wait, a consumer's slots are held, so it takes
                // no new ones: the queue keeps the rest until the dependency is back.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(TransientFailures.IsTransient);
                    retry.Exponential(transientRetryLimit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));
                });
                // Inner: anything else that may pass (a worker whose starter is still on its way) gets a few quick tries.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300));
                    retry.Ignore<Exception>(TransientFailures.IsTransient);
                    // A message that cannot be read, or breaks a business rule, fails the same way every time:
                    // straight to the _error queue, without holding its consumer slot for the retries.
                    retry.Ignore<JsonException>();
                    retry.Ignore<DomainRuleException>();
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddSingleton<ReceiveEndpointReadiness>();
        builder.Services.AddReceiveEndpointObserver(services => services.GetRequiredService<ReceiveEndpointReadiness>());
        builder.Services.AddHealthChecks().AddCheck<ReceiveEndpointReadiness>("consumers", tags: [Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.ReadyTag]);

        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            // Consumers are bound before the service reports started; in-flight messages finish on shutdown.
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }

    /// <summary>Most messages a batch consumer applies in one transaction.</summary>
    public const int BatchMessageLimit = 200;

    /// <summary>
    /// Registers a <see cref="BatchInboxConsumer{TMessage,TContext}"/>: up to <see cref="BatchMessageLimit"/> messages
    /// in one transaction, or what arrived within 50 ms of the first, so a lone event waits no longer than that.
    /// <paramref name="batchesInFlight"/> batches apply at once per replica: one by default (its recalculation per key is
    /// then never contended by its own service); two where the consumer's recalculation takes contention (Finance's
    /// forecast, skipped and deferred while another transaction holds the year), so that one batch applies while the
    /// other waits on its commit. The queue prefetches one batch more than apply at once, so the next is ready.
    /// </summary>
    public static void AddBatchConsumer<TConsumer>(this IBusRegistrationConfigurator bus, int batchesInFlight = 1)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesInFlight, 1);
        bus.AddConsumer<TConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(BatchMessageLimit)
                .SetTimeLimit(TimeSpan.FromMilliseconds(50))
                .SetConcurrencyLimit(batchesInFlight)))
            .Endpoint(endpoint =>
            {
                endpoint.PrefetchCount = (batchesInFlight + 1) * BatchMessageLimit;
                endpoint.ConcurrentMessageLimit = (batchesInFlight + 1) * BatchMessageLimit;
            });
    }
}
