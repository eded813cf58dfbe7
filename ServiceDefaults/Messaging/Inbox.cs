using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// The inbox both consumer bases write: a message id recorded once per consumer in the transaction that applies the
/// message, so a redelivered message is recognised and skipped.
/// </summary>
internal static class Inbox
{
    /// <summary>
    /// Records <paramref name="messageIds"/> for <paramref name="consumer"/> in one statement (sorted, so two batches never
    /// deadlock); returns those not recorded before.
    /// </summary>
    public static async Task<HashSet<Guid>> RecordAsync(DbContext db, IEnumerable<Guid> messageIds, string consumer, CancellationToken cancellationToken)
    {
        var ids = messageIds.Distinct().Order().ToArray();
        var inserted = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO inbox_messages (message_id, consumer, processed_at)
            SELECT id, {consumer}, {DateTimeOffset.UtcNow} FROM unnest({ids}) AS id
            ON CONFLICT DO NOTHING
            RETURNING message_id AS "Value"
            """).ToListAsync(cancellationToken);
        return [.. inserted];
    }

    /// <summary>A message's id, which de-duplication needs.</summary>
    public static Guid MessageId(ConsumeContext message) =>
        message.MessageId ?? throw new InvalidOperationException("A message without a message id cannot be de-duplicated.");

    /// <summary>When the sender sent the message (the time its effects are dated by), or now when the envelope has none.</summary>
    public static DateTimeOffset SentAt(ConsumeContext message) =>
        message.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : DateTimeOffset.UtcNow;
}
