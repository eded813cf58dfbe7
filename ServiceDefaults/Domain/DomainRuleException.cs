namespace Platform.ServiceDefaults.Domain;

/// <summary>
/// A business rule refused a change. Entities throw it from constructors and methods so an invariant can
/// never be bypassed; the API layer turns it into problem+json naming <see cref="Field"/>.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string message) : base(message) { }

    public DomainRuleException(string message, Exception innerException) : base(message, innerException) { }

    public DomainRuleException() { }

    /// <summary>The request field (camelCase, as in JSON) the rule is about, when there is one.</summary>
    public string? Field { get; init; }

    /// <summary>True when the request is valid in itself but conflicts with current state (409 rather than 400).</summary>
    public bool IsConflict { get; init; }

    public static DomainRuleException ForField(string field, string message) => new(message) { Field = field };

    public static DomainRuleException Conflict(string message, string? field = null) => new(message) { Field = field, IsConflict = true };
}
