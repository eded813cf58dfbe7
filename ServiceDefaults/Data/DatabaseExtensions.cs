using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.ServiceDefaults.Messaging;

namespace Platform.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's own PostgreSQL database from <c>ConnectionStrings__{connectionName}</c>: the DbContext
    /// (snake_case names), migrations applied at start-up before the bus starts, a readiness check, and the outbox
    /// dispatcher. Call it before <c>AddMessaging</c> so consumers never run against an unmigrated schema.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : ServiceDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName}.");

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddSingleton<IdempotencyInterceptor>();
        builder.Services.AddSingleton(services => new DomainEventsInterceptor(services.GetService<IIntegrationEventMapper>()));
        builder.Services.AddSingleton(_ => CreateDataSource(connectionString));
        builder.Services.AddDbContext<TContext>((services, options) => options
            .ConfigureServiceDatabase(services.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(
                // First: the integration events it adds to the outbox are part of what the others see saved.
                services.GetRequiredService<DomainEventsInterceptor>(),
                services.GetRequiredService<IdempotencyInterceptor>(),
                services.GetRequiredService<AuditInterceptor>(),
                services.GetRequiredService<OutboxSignalInterceptor>(),
                services.GetRequiredService<OutboxCommitInterceptor>()));

        // Shared endpoints (GET /audit) ask for the service's context by its base type.
        builder.Services.AddScoped<ServiceDbContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddHostedService<MigrationService<TContext>>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(
            name: connectionName, tags: [Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.ReadyTag]);

        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// The service's connections. A command is traced only inside an operation that is itself traced (a request, a
    /// consumer, an outbox publish, a poll that found work): the background loops' empty polls would otherwise be
    /// thousands of one-span traces an hour, burying the real ones on the dashboard. Statements a connection runs again
    /// and again (a consumer's per-batch statements, the outbox claim) are prepared on it after their second use, unless
    /// the connection string sets <c>Max Auto Prepare</c> itself: parsing and planning them each time was a fifth of
    /// PostgreSQL's CPU for Finance in the bench's pipeline.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);
        // The plain builder: Npgsql's own answers ContainsKey for every keyword it knows, set or not.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
            dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        // Opening a physical connection has no filter: a pool topping itself up between polls exported a one-span root
        // trace while the platform was idle (AppHostTests' idle minute caught one), so connection opens are not traced.
        dataSource.ConfigureTracing(tracing => tracing
            .EnablePhysicalOpenTracing(false)
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null));
        return dataSource.Build();
    }

    /// <summary>Statements each connection keeps prepared (the most used; Npgsql replaces the least used beyond this).</summary>
    public const int AutoPreparedStatements = 50;

    /// <summary>Provider settings of the running service.</summary>
    public static DbContextOptionsBuilder ConfigureServiceDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .QuietHandledSaveFailures();

    /// <summary>Provider settings of the design-time factory (migrations), the same as the running service's.</summary>
    public static DbContextOptionsBuilder ConfigureServiceDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .QuietHandledSaveFailures();

    // EF Core logs every failed SaveChanges as an error before the caller sees the exception, including the conflicts
    // the services expect and answer (a unique key taken, a concurrent edit: 409, or a consumer's retry). Whoever
    // does not handle the exception logs it (the API's exception handler, MassTransit's fault), so EF's own line is
    // debug: an operator's error count means errors.
    private static DbContextOptionsBuilder QuietHandledSaveFailures(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug)));
}

/// <summary>
/// Applies pending EF Core migrations before the service takes traffic. Npgsql's migration lock makes this safe
/// with several replicas starting together. Retries while the database is not yet reachable.
/// </summary>
internal sealed partial class MigrationService<TContext>(IServiceScopeFactory scopes, ILogger<MigrationService<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 30 && ex is DbException or TimeoutException or InvalidOperationException)
            {
                LogRetry(logger, typeof(TContext).Name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migrating {Context} failed (attempt {Attempt}): {Reason}; retrying")]
    private static partial void LogRetry(ILogger logger, string context, int attempt, string reason);
}

/// <summary>Wakes the outbox dispatcher after a save that added outbox rows outside an explicit transaction.</summary>
internal sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ServiceDbContext { OutboxRowsAdded: true } db && db.Database.CurrentTransaction is null)
        {
            db.OutboxRowsAdded = false;
            signal.Notify();
        }
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>
/// Wakes the outbox dispatcher after an explicit transaction (e.g. a consumer's inbox transaction) committed outbox
/// rows. Only then: waking on every commit made the dispatcher wake itself with its own commit, polling in a loop.
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ServiceDbContext { OutboxRowsAdded: true } db)
        {
            db.OutboxRowsAdded = false;
            signal.Notify();
        }
        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }
}
