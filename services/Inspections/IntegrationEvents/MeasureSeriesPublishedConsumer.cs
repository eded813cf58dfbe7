using Microsoft.Extensions.Logging;
using Platform.Contracts.Measures.V1;
using Platform.Inspections.Application;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Inspections.IntegrationEvents;

/// <summary>
/// Owners' measures changed: store each publication's values and, once per batch, re-rate the indicators on them, in
/// the batch's inbox transaction (so rating events are queued once).
/// </summary>
public sealed class MeasureSeriesPublishedConsumer(InspectionsDbContext db, ApplyMeasureSeries apply, ILogger<MeasureSeriesPublishedConsumer> logger)
    : BatchInboxConsumer<MeasureSeriesPublished, InspectionsDbContext>(db, logger)
{
    protected override Task HandleAsync(MeasureSeriesPublished message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        apply.HandleAsync(message, cancellationToken);

    protected override Task CompleteBatchAsync(CancellationToken cancellationToken) => apply.RateChangedIndicatorsAsync(cancellationToken);
}
