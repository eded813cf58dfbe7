using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>The platform's own activity source and meter (outbox dispatch, inbox de-duplication).</summary>
public static class PlatformTelemetry
{
    public const string ActivitySourceName = "Platform.Messaging";
    public const string MeterName = "Platform.Messaging";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> OutboxPublished =
        Meter.CreateCounter<long>("platform.outbox.published", description: "Outbox messages published to the broker.");

    public static readonly Counter<long> OutboxPublishFailures =
        Meter.CreateCounter<long>("platform.outbox.publish_failures", description: "Outbox publish attempts that failed and will be retried.");

    public static readonly Counter<long> InboxDuplicates =
        Meter.CreateCounter<long>("platform.inbox.duplicates", description: "Messages skipped because the inbox had already applied them.");

    public static readonly Counter<long> Parked =
        Meter.CreateCounter<long>("platform.inbox.parked", description: "Messages of a batch parked in their _error queue with the reason while the rest applied.");

    public static readonly Histogram<int> BatchSize =
        Meter.CreateHistogram<int>("platform.inbox.batch_size", unit: "{message}", description: "Messages a batch consumer applied in one transaction.");
}
