using System.ComponentModel.DataAnnotations;
using Platform.Ingest.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Ingest.Application;

// The shape rules of Ingest's API fields (keys and event status), declared once here and put on its request records and
// query parameters; the bounds are the domain's (sources, broker users, rate limits). Inbound events are checked by the
// catalogue's JSON Schemas, not here.

/// <summary>A key's name: at most 100 characters, no control characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class KeyNameAttribute() : TextRuleAttribute(100, "Must not contain control characters.")
{
    protected override bool Follows(string text) => !text.Any(char.IsControl);
}

/// <summary>The CloudEvents source a key sends: a URI-reference of at most <see cref="InboundEvent.MaxSourceLength"/> characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SourceAttribute() : TextRuleAttribute(InboundEvent.MaxSourceLength,
    "Must be a URI-reference (the CloudEvents source the system sends, e.g. urn:council:hr or https://hr.council.example/).")
{
    protected override bool Follows(string text) => Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _) && !text.Any(char.IsWhiteSpace);
}

/// <summary>
/// The event types a key may send: at least one (so the field is required), each known to the catalogue. An unknown
/// entry is named by its index (<c>eventTypes[1]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EventTypesAttribute : RequiredAttribute
{
    public EventTypesAttribute() => ErrorMessage = "List at least one event type.";

    public override bool IsValid(object? value) => value is IEnumerable<string?> types && types.Any();

    /// <summary>The unknown entries of <paramref name="types"/>, keyed <c>eventTypes[i]</c>.</summary>
    public static IEnumerable<ValidationResult> Unknown(IReadOnlyList<string?> types, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(validationContext);
        var catalogue = validationContext.GetService(typeof(EventCatalogue)) as EventCatalogue ?? EventCatalogue.Default;
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i] is not { } type || !catalogue.Contains(type))
            {
                yield return new ValidationResult(
                    $"Unknown event type. Known: {string.Join(", ", catalogue.Types.Select(t => t.Type).Order(StringComparer.Ordinal))}.", [$"eventTypes[{i}]"]);
            }
        }
    }
}

/// <summary>A RabbitMQ user name a key's system sends with over AMQP.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BrokerUserAttribute : ValidationAttribute
{
    public BrokerUserAttribute() =>
        ErrorMessage = $"Must be a RabbitMQ user name of 1 to {ApiKey.MaxBrokerUserLength} letters, digits, '.', '_', '-' or '@'.";

    public override bool IsValid(object? value) => value is not string user || ApiKey.IsValidBrokerUser(user);
}

/// <summary>A received event's status (<see cref="ReceivedEventStatus.All"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ReceivedEventStatusAttribute : ValidationAttribute
{
    public ReceivedEventStatusAttribute() => ErrorMessage = $"Must be one of {string.Join(", ", ReceivedEventStatus.All)}.";

    public override bool IsValid(object? value) => value is not string status || ReceivedEventStatus.All.Contains(status);
}
