namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Who is acting outside an HTTP request, for the audit trail: set by the inbox consumer while it applies an ingested
/// event (the sender Ingest authenticated, and the event), so the change is audited under that sender rather than
/// <c>system</c>. Flows with the async context of the work it wraps, like the request's user.
/// </summary>
public static class AuditActor
{
    private static readonly AsyncLocal<Actor?> CurrentActor = new();

    /// <param name="Subject">e.g. <c>ingest:key:3f9c0d2a1b4e5f60</c> or <c>ingest:amqp:hr-system</c>.</param>
    /// <param name="Request">What the actor did, in place of a request line: e.g. <c>EVENT hr.starter.v1 urn:council:hr hr-000123</c>.</param>
    public sealed record Actor(string Subject, string Request);

    internal static Actor? Current => CurrentActor.Value;

    /// <summary>Acts as <paramref name="actor"/> until the returned scope is disposed.</summary>
    public static IDisposable Use(Actor actor)
    {
        var previous = CurrentActor.Value;
        CurrentActor.Value = actor;
        return new Scope(() => CurrentActor.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
