using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Ingest.Application;
using Platform.Ingest.Domain;
using Platform.Ingest.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

namespace Platform.Ingest.Apis;

/// <summary>
/// Where an accepted event has got to: received, sent, applied or refused with the owning service's reason. A sender
/// asks about its own events with its API key; operators (platform-admin, read-only-operator) ask about any, and
/// platform-admins list them (e.g. every refused event of a source) under <c>/api/ingest/received-events</c>.
/// </summary>
public static class EventStatusApi
{
    public static IEndpointRouteBuilder MapEventStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{source}/{**id}", GetStatus).AllowAnonymous().WithTags("Events")
            .WithSummary("The status of one event: received, sent, applied, or refused with the owning service's reason")
            .WithDescription("With the API key whose source it is, or a bearer token of a platform-admin or read-only-operator. Percent-encode the "
                + "source (urn%3Acouncil%3Ahr, https%3A%2F%2Fhr.council.example%2F). 404 when no event with this source and id was accepted "
                + "(events refused at ingest are not recorded: their sender got the 400/403/409, or they were parked from AMQP).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapGet("/received-events", List).RequireAuthorization(PlatformRoles.AdminPolicy).WithTags("Events")
            .WithSummary("Received events, newest first, by status and source (e.g. status=refused)");
        return app;
    }

    public sealed record EventStatusResponse(string Source, string Id, string Type, string Status, string Channel, DateTimeOffset ReceivedAt,
        DateTimeOffset? SentAt, string? Service, string? Reason, DateTimeOffset? OutcomeAt);

    internal static async Task<Results<Ok<EventStatusResponse>, ProblemHttpResult>> GetStatus(string source, string id, HttpContext http,
        ApiKeyAuthenticator authenticator, IngestDbContext db, CancellationToken cancellationToken)
    {
        // Routing decodes a segment except for '/', which a source such as https://hr.example/ carries.
        source = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (!(http.User.IsInRole(PlatformRoles.PlatformAdmin) || http.User.IsInRole(PlatformRoles.ReadOnlyOperator)))
        {
            var key = await authenticator.AuthenticateAsync(http.Request, cancellationToken);
            if (key is null && http.User.Identity?.IsAuthenticated == true)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role may not read event status.",
                    detail: "Event status is for the event's sender (its API key) and operators (platform-admin, read-only-operator).");
            }
            if (key is null)
            {
                http.Response.Headers.WWWAuthenticate = "ApiKey";
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid API key is required.",
                    detail: "Send the API key of the event's source (Authorization: ApiKey <key>), or an operator's bearer token.");
            }
            if (!string.Equals(key.Source, source, StringComparison.Ordinal))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The key may not read this source's events.",
                    detail: $"This key reads the events of source '{key.Source}' only.");
            }
        }

        var received = await db.ReceivedEvents.AsNoTracking().FirstOrDefaultAsync(r => r.Source == source && r.EventId == id, cancellationToken);
        return received is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such event.",
                detail: "No event with this source and id was accepted. An event refused at ingest is not recorded (its sender got 400, 403 or 409; "
                    + "over AMQP it was parked in the error queue with the reason).")
            : TypedResults.Ok(ToResponse(received));
    }

    internal static async Task<Results<Ok<Page<EventStatusResponse>>, ValidationProblem>> List([AsParameters] PageRequest paging,
        [ReceivedEventStatus] string? status, [MaxChars(InboundEvent.MaxSourceLength)] string? source, IngestDbContext db, CancellationToken cancellationToken)
    {
        var query = db.ReceivedEvents.AsNoTracking();
        if (status is not null) query = query.Where(r => r.Status == status);
        if (source is not null) query = query.Where(r => r.Source == source);
        var page = await paging.ApplyAsync(query.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.MessageId), cancellationToken);
        return TypedResults.Ok(new Page<EventStatusResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static EventStatusResponse ToResponse(ReceivedEvent r) =>
        new(r.Source, r.EventId, r.Type, r.Status, r.Channel == "amqp" ? "amqp" : "http", r.ReceivedAt, r.PublishedAt, r.OutcomeService, r.OutcomeReason, r.OutcomeAt);
}
