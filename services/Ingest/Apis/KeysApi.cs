using System.ComponentModel.DataAnnotations;
using Platform.Ingest.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Ingest.Domain;
using Platform.Ingest.Infrastructure;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

namespace Platform.Ingest.Apis;

/// <summary>
/// API keys of departmental systems (each the one sender of its source, optionally with a RabbitMQ user for AMQP): created and
/// rotated (the key is shown once), listed, read and revoked by platform-admins.
/// </summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/keys").WithTags("API keys").RequireAuthorization(PlatformRoles.AdminPolicy);
        // The answer holds the key string: never kept for an Idempotency-Key replay (only its hash is ever stored).
        keys.MapPost("/", CreateKey).WithMetadata(new IdempotencyKeys.AnswerNotKept()).WithSummary("Create an API key for a departmental system")
            .WithDescription("The key may send events with the given CloudEvents source and of the listed types, at most rateLimitPerMinute requests a minute "
                + "(default 600); brokerUser, if given, is the RabbitMQ user that may send the same over AMQP. A source (and a broker user) belongs to one "
                + "key that is not revoked: a second is 409 (rotate the key instead). The response holds the key string once; only its SHA-256 hash is stored.");
        keys.MapGet("/", ListKeys).WithSummary("List API keys (without secrets), newest first")
            .WithDescription("includeRevoked=false hides revoked keys.");
        keys.MapGet("/{id}", GetKey).WithSummary("Get an API key (without its secret)");
        keys.MapPost("/{id}/rotate", RotateKey).WithMetadata(new IdempotencyKeys.AnswerNotKept()).WithSummary("Replace an API key's secret")
            .WithDescription("The new key string is in the response, once; the old one is refused from now on. Source, types, broker user and the events "
                + "already sent (their de-duplication and status) stay with the key.");
        keys.MapPost("/{id}/revoke", RevokeKey).WithSummary("Revoke an API key")
            .WithDescription("From now on the key is refused with 401. Revoking twice is a conflict.");
        return app;
    }

    public sealed record CreateKeyRequest(
        [property: RequiredField, KeyName] string? Name,
        [property: RequiredField, Source] string? Source,
        [property: EventTypes] IReadOnlyList<string?>? EventTypes,
        [property: Between(1, ApiKey.MaxRateLimitPerMinute)] int? RateLimitPerMinute,
        [property: BrokerUser] string? BrokerUser) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
            EventTypes is null ? [] : EventTypesAttribute.Unknown(EventTypes, validationContext);
    }

    public sealed record KeyResponse(string Id, string Name, string Source, IReadOnlyList<string> EventTypes, int RateLimitPerMinute,
        string? BrokerUser, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt);

    /// <summary>The created (or rotated) key; <see cref="Key"/> is the only time the key string is shown.</summary>
    public sealed record CreatedKeyResponse(string Id, string Key, string Name, string Source, IReadOnlyList<string> EventTypes, int RateLimitPerMinute,
        string? BrokerUser, DateTimeOffset CreatedAt);

    internal static async Task<Results<Created<CreatedKeyResponse>, ValidationProblem>> CreateKey(
        CreateKeyRequest request, IngestDbContext db, IOptions<IngestOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // One sender per source and per broker user (the unique indexes hold it under races; this names the holder).
        var holder = await db.ApiKeys.AsNoTracking()
            .Where(k => k.RevokedAt == null && (k.Source == request.Source || (request.BrokerUser != null && k.BrokerUser == request.BrokerUser)))
            .Select(k => new { k.Id, k.Source }).FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            var field = holder.Source == request.Source ? "source" : "brokerUser";
            throw DomainRuleException.Conflict(
                $"Key {holder.Id} already holds this {(field == "source" ? "source" : "broker user")}: a source and a broker user belong to one sender. "
                + $"Rotate that key (POST /api/ingest/keys/{holder.Id}/rotate) or revoke it first.", field);
        }

        var (key, secret) = ApiKey.Issue(request.Name!.Trim(), request.Source!, request.EventTypes!.Select(t => t!),
            request.RateLimitPerMinute ?? options.Value.DefaultRateLimitPerMinute, request.BrokerUser, clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/keys/{key.Id}", Created(key, secret));
    }

    internal static async Task<Results<Ok<CreatedKeyResponse>, NotFound>> RotateKey(string id, IngestDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null) return TypedResults.NotFound();
        var secret = key.Rotate(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Created(key, secret));
    }

    private static CreatedKeyResponse Created(ApiKey key, string secret) =>
        new(key.Id, secret, key.Name, key.Source, key.EventTypes, key.RateLimitPerMinute, key.BrokerUser, key.CreatedAt);

    internal static async Task<Results<Ok<Page<KeyResponse>>, ValidationProblem>> ListKeys(
        [AsParameters] PageRequest paging, bool? includeRevoked, IngestDbContext db, CancellationToken cancellationToken)
    {
        var query = db.ApiKeys.AsNoTracking();
        if (includeRevoked == false) query = query.Where(k => k.RevokedAt == null);
        var page = await paging.ApplyAsync(query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id), cancellationToken);
        return TypedResults.Ok(new Page<KeyResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<KeyResponse>, NotFound>> GetKey(string id, IngestDbContext db, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is { } key
            ? TypedResults.Ok(ToResponse(key))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<KeyResponse>, NotFound>> RevokeKey(string id, IngestDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null) return TypedResults.NotFound();
        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(key));
    }

    private static KeyResponse ToResponse(ApiKey key) =>
        new(key.Id, key.Name, key.Source, key.EventTypes, key.RateLimitPerMinute, key.BrokerUser, key.CreatedAt, key.RotatedAt, key.RevokedAt);
}
