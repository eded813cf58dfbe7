using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Workforce.V1;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Tests.Messaging;

/// <summary>Outbox rows written straight by SQL, as another process (a bulk load, an operator's replay) would write them.</summary>
internal static class OutboxRows
{
    /// <summary>Inserts one pending row, due at <paramref name="at"/>, in the connection's current transaction if any.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, Guid id, string messageType, string payload, DateTimeOffset at)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO outbox_messages (id, message_type, payload, occurred_at, next_attempt_at, attempts) VALUES ($1, $2, $3, $4, $4, 0)", connection);
        insert.Parameters.Add(new() { Value = id });
        insert.Parameters.Add(new() { Value = messageType });
        insert.Parameters.Add(new() { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new() { Value = at });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts a PostCreated for <paramref name="post"/> (its event id the post's id), occurred and due at <paramref name="at"/> (now if not given).</summary>
    public static Task InsertPostCreatedAsync(NpgsqlConnection connection, Guid post, string teamCode, DateOnly effectiveFrom, DateTimeOffset? at = null)
    {
        var created = new PostCreated(post, teamCode, "social-worker", "SW2", 1m, 1_000m, "social-work", effectiveFrom)
        {
            EventId = post,
            OccurredAt = at ?? DateTimeOffset.UtcNow,
        };
        return InsertAsync(connection, post, typeof(PostCreated).FullName!, JsonSerializer.Serialize(created, ContractJson.Options), created.OccurredAt);
    }
}
