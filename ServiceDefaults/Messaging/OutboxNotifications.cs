namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// The outbox's commit notification: a statement-level trigger on <c>outbox_messages</c> notifies
/// <see cref="Channel"/> whenever rows are inserted (by EF, by SQL or by COPY), and PostgreSQL delivers it to the
/// listening dispatchers once the transaction commits (never for a rolled-back one). Every service's migrations
/// install it with <see cref="CreateTrigger"/>.
/// </summary>
public static class OutboxNotifications
{
    public const string Channel = "outbox_messages";

    /// <summary>Once per inserting statement, not per row: a transaction's notifications on one channel with one payload fold into one.</summary>
    public const string CreateTrigger = $"""
        CREATE FUNCTION notify_outbox_messages() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{Channel}', '');
            RETURN NULL;
        END $$;
        CREATE TRIGGER outbox_messages_notify AFTER INSERT ON outbox_messages
            FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox_messages();
        """;

    public const string DropTrigger = """
        DROP TRIGGER IF EXISTS outbox_messages_notify ON outbox_messages;
        DROP FUNCTION IF EXISTS notify_outbox_messages();
        """;
}
