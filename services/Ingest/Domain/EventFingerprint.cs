using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.Ingest.Domain;

/// <summary>
/// The content of an event, independent of how it was written: SHA-256 of its type and its data in a canonical form
/// (object members sorted by name, no whitespace, numbers by value so <c>1</c> and <c>1.0</c> are one). The same
/// source and id with another fingerprint is a different event under a reused id: a conflict, never a silent duplicate.
/// </summary>
public static class EventFingerprint
{
    public static string Of(string type, JsonElement data)
    {
        ArgumentNullException.ThrowIfNull(type);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(type);
            WriteCanonical(writer, data);
            writer.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray()) WriteCanonical(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                // By value: 1, 1.0 and 1e0 are the same number. Beyond decimal's range the text is kept.
                writer.WriteRawValue(value.TryGetDecimal(out var number)
                    ? (number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
                    : value.GetRawText());
                break;
            case JsonValueKind.Undefined:
                writer.WriteNullValue();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
