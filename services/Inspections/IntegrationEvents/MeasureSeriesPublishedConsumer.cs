using Platform.Contracts.Measures.V1;
using Platform.Inspections.Application;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Inspections.IntegrationEvents;

/// <summary>An owner's measures changed: store its values and re-rate, in the inbox transaction (so rating events are queued once).</summary>
public sealed class MeasureSeriesPublishedConsumer(InspectionsDbContext db, ApplyMeasureSeries apply) : InboxConsumer<MeasureSeriesPublished, InspectionsDbContext>(db)
{
    protected override Task HandleAsync(MeasureSeriesPublished message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        apply.HandleAsync(message, cancellationToken);
}
