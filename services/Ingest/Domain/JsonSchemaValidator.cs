using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Ingest.Domain;

/// <summary>
/// Validates a JSON value against the subset of JSON Schema (2020-12) the event catalogue uses: <c>type</c> (one or a
/// list), <c>properties</c>, <c>required</c>, <c>additionalProperties: false</c>, <c>enum</c>, <c>minLength</c>,
/// <c>maxLength</c>, <c>pattern</c>, <c>format</c> (<c>date</c>, <c>uuid</c>), <c>minimum</c>, <c>maximum</c> and
/// <c>multipleOf</c>. Every error names the field by its path (<c>data.fte</c>).
/// </summary>
public static class JsonSchemaValidator
{
    public static void Validate(JsonObject schema, JsonElement value, string path, IDictionary<string, List<string>> errors)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(errors);
        if (!TypeMatches(schema["type"], value))
        {
            Add(errors, path, $"Must be {Describe(schema["type"])}.");
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, JsonNode.Parse(value.GetRawText()))))
        {
            Add(errors, path, $"Must be one of: {string.Join(", ", allowed.Select(a => a?.ToJsonString()))}.");
            return;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(schema, value, path, errors);
                break;
            case JsonValueKind.String:
                ValidateString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(schema, value.GetDecimal(), path, errors);
                break;
        }
    }

    private static void ValidateObject(JsonObject schema, JsonElement value, string path, IDictionary<string, List<string>> errors)
    {
        var properties = schema["properties"] as JsonObject;
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (!value.TryGetProperty(required, out _)) Add(errors, $"{path}.{required}", "This field is required.");
        }
        foreach (var property in value.EnumerateObject())
        {
            if (properties?[property.Name] is JsonObject propertySchema)
            {
                Validate(propertySchema, property.Value, $"{path}.{property.Name}", errors);
            }
            else if (schema["additionalProperties"] is JsonValue additional && !additional.GetValue<bool>())
            {
                Add(errors, $"{path}.{property.Name}", "Is not a field of this event type.");
            }
        }
    }

    private static void ValidateString(JsonObject schema, string text, string path, IDictionary<string, List<string>> errors)
    {
        if (schema["minLength"] is JsonValue min && text.Length < min.GetValue<int>()) Add(errors, path, $"Must be at least {min} characters.");
        if (schema["maxLength"] is JsonValue max && text.Length > max.GetValue<int>()) Add(errors, path, $"Must be at most {max} characters.");
        if (schema["pattern"] is JsonValue pattern
            && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
        {
            Add(errors, path, schema["description"] is JsonValue description ? $"Not valid: {description}" : $"Must match {pattern}.");
        }
        switch ((string?)schema["format"])
        {
            case "date" when !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                Add(errors, path, "Must be a date (yyyy-MM-dd).");
                break;
            case "uuid" when !Guid.TryParseExact(text, "D", out _):
                Add(errors, path, "Must be a UUID.");
                break;
        }
    }

    private static void ValidateNumber(JsonObject schema, decimal number, string path, IDictionary<string, List<string>> errors)
    {
        if (schema["minimum"] is JsonValue min && number < min.GetValue<decimal>()) Add(errors, path, $"Must be at least {min}.");
        if (schema["maximum"] is JsonValue max && number > max.GetValue<decimal>()) Add(errors, path, $"Must be at most {max}.");
        if (schema["multipleOf"] is JsonValue step && number % step.GetValue<decimal>() != 0) Add(errors, path, $"Must be a multiple of {step}.");
    }

    private static bool TypeMatches(JsonNode? type, JsonElement value) => type switch
    {
        null => true,
        JsonArray types => types.Any(t => TypeMatches(t, value)),
        _ => (string?)type switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out _),
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => false,
        },
    };

    private static string Describe(JsonNode? type) => type is JsonArray types
        ? string.Join(" or ", types.Select(Describe))
        : (string?)type switch
        {
            "object" => "an object",
            "array" => "an array",
            "integer" => "an integer",
            "null" => "null",
            var other => $"a {other}",
        };

    private static void Add(IDictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var messages)) errors[path] = messages = [];
        messages.Add(message);
    }
}
