using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Platform.Ingest.Domain;

namespace Platform.Ingest.Apis;

/// <summary>
/// Reads CloudEvents 1.0 from an HTTP request (HTTP protocol binding): structured mode
/// (<c>application/cloudevents+json</c>), batched mode (<c>application/cloudevents-batch+json</c>, a JSON array) and binary
/// mode (<c>ce-*</c> headers, the data as an <c>application/json</c> body).
/// </summary>
public static class CloudEventReader
{
    public const string StructuredMediaType = "application/cloudevents+json";
    public const string BatchMediaType = "application/cloudevents-batch+json";

    /// <summary>The events, or a reason the request cannot be read (<c>Unsupported</c>: 415, else 400).</summary>
    public sealed record ReadResult(IReadOnlyList<InboundEvent> Events, string? Problem = null, bool Unsupported = false);

    public static async Task<ReadResult> ReadAsync(HttpRequest request, int maxBatchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ? contentType.MediaType.Value?.ToLowerInvariant() : null;
        var binary = request.Headers.ContainsKey("ce-specversion");

        if (mediaType is not (StructuredMediaType or BatchMediaType) && !binary)
        {
            return new([], $"Send {StructuredMediaType}, {BatchMediaType}, or binary mode (ce-specversion, ce-id, ce-source and ce-type headers with an application/json body).", Unsupported: true);
        }
        if (binary && mediaType is not "application/json")
        {
            return new([], "Binary mode needs an application/json body (the event's data).", Unsupported: true);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return new([], $"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement.Clone();
            if (binary)
            {
                return new([FromHeaders(request.Headers, root)]);
            }
            if (mediaType == StructuredMediaType)
            {
                return root.ValueKind == JsonValueKind.Object ? new([FromStructured(root, null)]) : new([], "A structured-mode event is a JSON object.");
            }
            if (root.ValueKind != JsonValueKind.Array) return new([], "A batch is a JSON array of events.");
            var count = root.GetArrayLength();
            if (count == 0) return new([], "The batch is empty.");
            if (count > maxBatchSize) return new([], $"A batch holds at most {maxBatchSize} events; this one has {count}.");
            var events = new List<InboundEvent>(count);
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                events.Add(item.ValueKind == JsonValueKind.Object ? FromStructured(item, index) : NotAnObject(index));
                index++;
            }
            return new(events);
        }
    }

    private static InboundEvent FromStructured(JsonElement json, int? index)
    {
        var inbound = new InboundEvent
        {
            Index = index,
            SpecVersion = Attribute(json, "specversion"),
            Id = Attribute(json, "id"),
            Source = Attribute(json, "source"),
            Type = Attribute(json, "type"),
            Time = Attribute(json, "time"),
            DataContentType = Attribute(json, "datacontenttype"),
            Data = json.TryGetProperty("data", out var data) ? data : default,
        };
        foreach (var name in new[] { "specversion", "id", "source", "type", "time", "datacontenttype" })
        {
            if (json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.String) inbound.Add(name, "Must be a string.");
        }
        if (json.TryGetProperty("data_base64", out _)) inbound.Add("data_base64", "Binary data is not accepted; send JSON data.");
        return inbound;
    }

    private static InboundEvent NotAnObject(int index)
    {
        var inbound = new InboundEvent { Index = index };
        inbound.Add("", "Each event in a batch is a JSON object.");
        return inbound;
    }

    private static InboundEvent FromHeaders(IHeaderDictionary headers, JsonElement data) => new()
    {
        SpecVersion = Header(headers, "ce-specversion"),
        Id = Header(headers, "ce-id"),
        Source = Header(headers, "ce-source"),
        Type = Header(headers, "ce-type"),
        Time = Header(headers, "ce-time"),
        DataContentType = "application/json",
        Data = data,
    };

    private static string? Attribute(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Header values are percent-encoded in the HTTP binding.
    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) && value.Count == 1 ? Uri.UnescapeDataString(value.ToString()) : null;
}
