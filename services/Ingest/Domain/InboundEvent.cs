using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Ingest.Domain;

/// <summary>
/// A CloudEvents 1.0 event as received (HTTP structured, binary or batch mode, or AMQP), before validation: the context
/// attributes as text (null when absent) and the data. <see cref="Errors"/> holds what was wrong already in reading it.
/// </summary>
public sealed class InboundEvent
{
    public const int MaxIdLength = 200;
    public const int MaxSourceLength = 500;

    /// <summary>Position in a batch (0-based), null for a single event.</summary>
    public int? Index { get; init; }

    public string? SpecVersion { get; init; }

    public string? Id { get; init; }

    public string? Source { get; init; }

    public string? Type { get; init; }

    public string? Time { get; init; }

    public string? DataContentType { get; init; }

    /// <summary>The data; <see cref="JsonValueKind.Undefined"/> when the event has none.</summary>
    public JsonElement Data { get; init; }

    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Names the event in a problem: its index in a batch and its id.</summary>
    public string Describe() => (Index, Id) switch
    {
        ({ } i, { Length: > 0 } id) => $"event {i} (id {Truncate(id)})",
        ({ } i, _) => $"event {i}",
        (_, { Length: > 0 } id) => $"event {Truncate(id)}",
        _ => "the event",
    };

    /// <summary>Checks the required context attributes and the type; the data is checked against the type's schema.</summary>
    public bool Validate(Func<string, bool> isKnownType)
    {
        ArgumentNullException.ThrowIfNull(isKnownType);
        if (SpecVersion != "1.0") Add("specversion", "Must be \"1.0\" (CloudEvents 1.0).");
        if (string.IsNullOrWhiteSpace(Id)) Add("id", "This attribute is required.");
        else if (Id.Length > MaxIdLength) Add("id", $"Must be at most {MaxIdLength} characters.");
        else if (Id.Any(char.IsControl)) Add("id", "Must not contain control characters.");
        if (string.IsNullOrWhiteSpace(Source)) Add("source", "This attribute is required.");
        else if (Source.Length > MaxSourceLength || Source.Any(char.IsControl) || !Uri.TryCreate(Source, UriKind.RelativeOrAbsolute, out _))
        {
            Add("source", "Must be a URI-reference of at most 500 characters.");
        }
        if (Time is not null && !DateTimeOffset.TryParse(Time, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) Add("time", "Must be an RFC 3339 timestamp.");
        if (DataContentType is not null && !DataContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            Add("datacontenttype", "Only application/json data is accepted.");
        }
        if (string.IsNullOrWhiteSpace(Type)) Add("type", "This attribute is required.");
        else if (!isKnownType(Type)) Add("type", $"Unknown event type '{Truncate(Type)}'; GET /events/schemas lists the types.");
        if (Data.ValueKind == JsonValueKind.Undefined) Add("data", "This event type needs data (a JSON object).");
        return Errors.Count == 0;
    }

    /// <summary>Checks the data against the type's JSON Schema; errors name the field as <c>data.field</c>.</summary>
    public bool ValidateData(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        JsonSchemaValidator.Validate(schema, Data, "data", Errors);
        return Errors.Count == 0;
    }

    public void Add(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var messages)) Errors[field] = messages = [];
        messages.Add(message);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
