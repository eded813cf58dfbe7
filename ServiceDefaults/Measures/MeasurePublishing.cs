using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Data;

namespace Platform.ServiceDefaults.Measures;

/// <summary>
/// A business change that moves the owner's measures from <see cref="FromDate"/> on. Written in the same transaction as
/// the change (by <see cref="ServiceDbContext.AddIntegrationEvent"/> through the owner's mapping, or directly), so a
/// committed change is never left unpublished; <see cref="MeasurePublisher{TContext}"/> deletes it once published.
/// Insert-only: concurrent transactions never wait on one another for it.
/// </summary>
public sealed class MeasureChange
{
    private MeasureChange() { }

    public MeasureChange(DateOnly fromDate) => FromDate = fromDate;

    public long Id { get; private set; }

    public DateOnly FromDate { get; private set; }
}

/// <summary>A value of one measure for one scope (a team code, or empty for the whole authority) on a date.</summary>
public sealed record MeasureValue(string Measure, string Scope, decimal? Value, decimal Numerator, decimal Denominator)
{
    /// <summary>A rate as the owner's API gives it (a fraction, rounded as it rounds it), published as a percentage.</summary>
    public static MeasureValue Percent(string measure, string scope, decimal? fraction, decimal numerator, decimal denominator) =>
        new(measure, scope, fraction * 100, numerator, denominator);
}

/// <summary>
/// The owner's side of a measure: the dates on which its values can change, and its values on a date, computed by the
/// same code its API answers with, so a published value and the API's value cannot differ.
/// </summary>
public interface IMeasureSource
{
    /// <summary>The owning service, as in <c>MeasureSeriesPublished.Owner</c>.</summary>
    string Owner { get; }

    /// <summary>
    /// Every date on or after <paramref name="from"/> on which any measure can take a new value (a start, an end, the day
    /// after a due date, ...), ascending, at most <paramref name="limit"/>. Between two of them every value is constant.
    /// </summary>
    Task<IReadOnlyList<DateOnly>> ChangeDatesAsync(DateOnly from, int limit, CancellationToken cancellationToken);

    /// <summary>All measures for all scopes on each date (same order as <paramref name="dates"/>).</summary>
    Task<IReadOnlyList<IReadOnlyList<MeasureValue>>> ValuesOnAsync(IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken);
}

public static class MeasurePublishingExtensions
{
    /// <summary>Maps <c>measure_changes</c> and the publication version sequence into an owner's model.</summary>
    public static ModelBuilder AddMeasureChanges(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasSequence<long>(MeasurePublisherSql.VersionSequence);
        modelBuilder.Entity<MeasureChange>(builder =>
        {
            builder.ToTable("measure_changes");
            builder.HasKey(c => c.Id);
            builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        });
        return modelBuilder;
    }

    /// <summary>Publishes <typeparamref name="TSource"/>'s measures whenever a change is recorded (see docs/measures.md).</summary>
    public static IHostApplicationBuilder AddMeasurePublishing<TContext, TSource>(this IHostApplicationBuilder builder)
        where TContext : ServiceDbContext
        where TSource : class, IMeasureSource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<IMeasureSource, TSource>();
        builder.Services.AddSingleton<MeasureSignal>();
        builder.Services.AddHostedService<MeasurePublisher<TContext>>();
        return builder;
    }
}

internal static class MeasurePublisherSql
{
    public const string VersionSequence = "measure_publication_versions";
}
