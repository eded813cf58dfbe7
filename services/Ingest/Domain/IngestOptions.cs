namespace Platform.Ingest.Domain;

/// <summary>Settings of the departmental ingest (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Requests per minute a key may make when it was created without its own limit.</summary>
    public int DefaultRateLimitPerMinute { get; set; } = 600;

    /// <summary>Most events in one <c>application/cloudevents-batch+json</c> request.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>How long Redis remembers an accepted event's source and id (the database remembers them for good).</summary>
    public int DuplicateWindowDays { get; set; } = 7;

    /// <summary>Seconds to wait for RabbitMQ to confirm a publish before answering 503.</summary>
    public int PublishTimeoutSeconds { get; set; } = 15;

    /// <summary>The AMQP ingest: a durable topic exchange and the queue bound to it with <c>#</c>.</summary>
    public AmqpOptions Amqp { get; set; } = new();

    public sealed class AmqpOptions
    {
        public bool Enabled { get; set; } = true;

        public string Exchange { get; set; } = "platform.ingest";

        public string Queue { get; set; } = "platform.ingest.events";

        /// <summary>Refused messages go here, unchanged, with the reason in the <c>x-ingest-error</c> header.</summary>
        public string ErrorQueue { get; set; } = "platform.ingest.errors";

        public ushort Prefetch { get; set; } = 16;
    }
}
