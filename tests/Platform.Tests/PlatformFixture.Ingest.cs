using Npgsql;

namespace Platform.Tests;

/// <summary>The departmental ingest service of the test run.</summary>
public sealed partial class PlatformFixture
{
    private ServiceHost<Platform.Ingest.Domain.ApiKey>? _ingest;

    public string IngestDb => $"{new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = $"ingestdb_{_runId}" }}";

    /// <summary>The AMQP ingest exchange and error queue of this run (named per run, so runs never share them).</summary>
    public string IngestExchange => $"platform.ingest.{_runId}";

    public string IngestErrorQueue => $"platform.ingest.errors.{_runId}";

    private async Task<Uri> StartIngestAsync()
    {
        await CreateDatabaseAsync($"ingestdb_{_runId}");
        _ingest = new ServiceHost<Platform.Ingest.Domain.ApiKey>(new()
        {
            ["ConnectionStrings:ingestdb"] = IngestDb,
            ["ConnectionStrings:messaging"] = RabbitMq,
            ["ConnectionStrings:cache"] = Redis,
            ["Auth:SigningKey"] = SigningKey,
            ["Ingest:Amqp:Exchange"] = IngestExchange,
            ["Ingest:Amqp:Queue"] = $"platform.ingest.events.{_runId}",
            ["Ingest:Amqp:ErrorQueue"] = IngestErrorQueue,
        }, CapturedLogs);
        return _ingest.Start();
    }
}
