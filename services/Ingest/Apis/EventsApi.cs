using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Ingest.Application;
using Platform.Ingest.Domain;
using Platform.Ingest.Infrastructure;

namespace Platform.Ingest.Apis;

/// <summary>
/// <c>POST /events</c>: CloudEvents 1.0 from departmental systems, authenticated by API key (not a bearer token), and the
/// JSON Schemas of the event types. See docs/ingest.md.
/// </summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/events").WithTags("Events");
        // The body is read by CloudEventReader, not bound: no Accepts metadata, so another media type reaches the
        // handler and is answered 415 problem+json rather than being filtered out by routing.
        events.MapPost("/", PostEvents).AllowAnonymous()
            .WithSummary("Send CloudEvents 1.0 (structured, binary or batch mode) with an API key")
            .WithDescription("Authorization: ApiKey <key> (or X-Api-Key). Structured mode: application/cloudevents+json; batch: application/cloudevents-batch+json "
                + "(all-or-nothing: one invalid event refuses the whole batch); binary mode: ce-specversion, ce-id, ce-source, ce-type headers and an "
                + "application/json body. Each event's data is checked against its type's JSON Schema. 202 only after RabbitMQ confirmed the publish of "
                + "every event; an event whose source, id and content were accepted before is reported as a duplicate and not sent again; the same id with other "
                + "content is 409 (nothing of the batch sent). 401 unknown or revoked key, "
                + "403 source or type outside the key's scope, 429 over the key's rate limit (Retry-After), 503 broker unavailable (send again).")
            .Produces<IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        events.MapGet("/schemas", ListSchemas).AllowAnonymous()
            .WithSummary("Every inbound event type with its JSON Schema, owning service and command");
        events.MapGet("/schemas/{type}", GetSchema).AllowAnonymous()
            .WithSummary("The JSON Schema of one event type's data");
        return app;
    }

    public sealed record EventResult(int? Index, string Id, string Type, string Status);

    public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<EventResult> Events);

    public sealed record SchemaResponse(string Type, string Description, string Owner, string Command, JsonObject Schema);

    internal static async Task<Results<Accepted<IngestResponse>, ValidationProblem, ProblemHttpResult>> PostEvents(
        HttpContext http, ApiKeyAuthenticator authenticator, ApiKeyRateLimiter limiter, EventCatalogue catalogue, EventIngestor ingestor,
        IOptions<IngestOptions> options, CancellationToken cancellationToken)
    {
        var key = await authenticator.AuthenticateAsync(http.Request, cancellationToken);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "ApiKey";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid API key is required.",
                detail: "Send Authorization: ApiKey <key> (or X-Api-Key) with a key that has not been revoked.");
        }
        if (await limiter.TryAcquireAsync(key.Id, key.RateLimitPerMinute) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                detail: $"This key may make {key.RateLimitPerMinute} requests a minute; try again in {retryAfter} s.");
        }

        var read = await CloudEventReader.ReadAsync(http.Request, options.Value.MaxBatchSize, cancellationToken);
        if (read.Problem is not null)
        {
            return TypedResults.Problem(statusCode: read.Unsupported ? StatusCodes.Status415UnsupportedMediaType : StatusCodes.Status400BadRequest,
                title: read.Unsupported ? "Unsupported media type." : "The events cannot be read.", detail: read.Problem);
        }

        // Every event is checked before any is sent: a batch is all-or-nothing.
        var types = read.Events.Select(e => e.Errors.Count == 0 ? catalogue.Validate(e) : null).ToList();
        if (Invalid(read.Events) is { } attributesProblem) return attributesProblem;

        var outside = read.Events.FirstOrDefault(e => !key.Allows(e.Source!, e.Type!));
        if (outside is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The key may not send this event.",
                detail: string.Equals(outside.Source, key.Source, StringComparison.Ordinal)
                    ? $"{Capitalise(outside.Describe())}: this key may not send type '{outside.Type}'."
                    : $"{Capitalise(outside.Describe())}: this key may only send events with source '{key.Source}'.",
                extensions: new Dictionary<string, object?> { ["eventIndex"] = outside.Index, ["eventId"] = outside.Id });
        }

        for (var i = 0; i < read.Events.Count; i++) read.Events[i].ValidateData(types[i]!.Schema);
        if (Invalid(read.Events) is { } dataProblem) return dataProblem;

        var conflicting = await ingestor.ConflictingAsync(read.Events.Select((e, i) => (e, types[i]!)).ToList(), cancellationToken);
        if (conflicting.Count > 0) return Conflict(conflicting, []);

        var results = new List<EventResult>(read.Events.Count);
        try
        {
            for (var i = 0; i < read.Events.Count; i++)
            {
                var inbound = read.Events[i];
                var status = await ingestor.AcceptAsync(inbound, types[i]!, key.Id, key.SenderOverHttp, cancellationToken);
                results.Add(new EventResult(inbound.Index, inbound.Id!, inbound.Type!, status.ToString().ToLowerInvariant()));
            }
        }
        catch (BrokerUnavailableException ex)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The message broker is unavailable.",
                detail: $"{ex.Message} {results.Count} of {read.Events.Count} events were sent; sending all of them again is safe (duplicates are recognised).");
        }
        if (results.Any(r => r.Status == "conflict"))
        {
            // Raced by another request between the check and the send: say exactly what was and was not sent.
            return Conflict(results.Where(r => r.Status == "conflict").Select(r => read.Events.First(e => e.Index == r.Index && e.Id == r.Id)).ToList(), results);
        }
        return TypedResults.Accepted((string?)null, new IngestResponse(results.Count(r => r.Status == "accepted"), results.Count(r => r.Status == "duplicate"), results));
    }

    /// <summary>
    /// 409: an id reused for other content. De-duplication must never drop a different event silently, and the first
    /// event under an id stands: a correction is sent under a new id.
    /// </summary>
    private static ProblemHttpResult Conflict(IReadOnlyList<InboundEvent> conflicting, List<EventResult> sent) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An event id was already used for other content.",
            detail: $"{Capitalise(conflicting[0].Describe())}{(conflicting.Count > 1 ? $" and {conflicting.Count - 1} more" : "")}: this source already sent an event "
                + "with this id and a different type or data. The first event under an id stands; send a correction under a new id. "
                + (sent.Count == 0 ? "Nothing was sent." : $"{sent.Count(r => r.Status is "accepted" or "duplicate")} of the other events were sent (see events)."),
            extensions: new Dictionary<string, object?>
            {
                ["conflicts"] = conflicting.Select(e => new { index = e.Index, id = e.Id, type = e.Type }).ToArray(),
                ["events"] = sent.Count == 0 ? null : sent,
            });

    /// <summary>
    /// A validation problem naming every invalid event and its fields: <c>data.fte</c> for a single event, <c>[2].data.fte</c>
    /// for the third event of a batch; <c>events</c> lists the index and id of each invalid event.
    /// </summary>
    private static ValidationProblem? Invalid(IReadOnlyList<InboundEvent> events)
    {
        var invalid = events.Where(e => e.Errors.Count > 0).ToList();
        if (invalid.Count == 0) return null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var inbound in invalid)
        {
            foreach (var (field, messages) in inbound.Errors)
            {
                var prefix = inbound.Index is { } index ? $"[{index}]" : "";
                var name = field.Length == 0 ? prefix : prefix.Length == 0 ? field : $"{prefix}.{field}";
                errors[name] = [.. messages];
            }
        }
        var first = invalid[0];
        return TypedResults.ValidationProblem(errors,
            detail: invalid.Count == 1
                ? $"{Capitalise(first.Describe())} is invalid: {string.Join(", ", first.Errors.Keys)}. Nothing was accepted."
                : $"{invalid.Count} events are invalid, the first {first.Describe()}. Nothing was accepted.",
            title: "One or more events are invalid.",
            extensions: new Dictionary<string, object?>
            {
                ["events"] = invalid.Select(e => new { index = e.Index, id = e.Id, fields = e.Errors.Keys.ToArray() }).ToArray(),
            });
    }

    internal static Ok<IReadOnlyList<SchemaResponse>> ListSchemas(EventCatalogue catalogue) =>
        TypedResults.Ok<IReadOnlyList<SchemaResponse>>(catalogue.Types.OrderBy(t => t.Type, StringComparer.Ordinal)
            .Select(t => new SchemaResponse(t.Type, t.Description, t.Owner, t.Command, t.Schema)).ToList());

    internal static Results<ContentHttpResult, NotFound> GetSchema(string type, EventCatalogue catalogue) =>
        catalogue.Find(type) is { } found
            ? TypedResults.Content(found.Schema.ToJsonString(), "application/schema+json")
            : TypedResults.NotFound();

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
