using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Security;

namespace Platform.ServiceDefaults.Http;

/// <summary>How long an answered <c>Idempotency-Key</c> is kept (<c>Idempotency__Retention</c>, default 24 hours).</summary>
public sealed class IdempotencyOptions
{
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF draft-ietf-httpapi-idempotency-key-header) on every POST of a service:
/// the first request with a key runs and its answer is kept; a retry with the same key and the same request gets that
/// answer again (<c>Idempotency-Replayed: true</c>) and changes nothing; the same key with another request is 422; a
/// retry while the first still runs, or whose answer was lost after its change committed, is 409. Keys belong to the
/// token's subject. The record is saved with the request's change (<see cref="IdempotencyInterceptor"/>), so a change
/// is made at most once per key even when its answer never reaches the caller.
/// </summary>
public static partial class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    private const int MaxStoredBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // JSON bodies only: a multipart upload's boundary differs on every send, so its bytes cannot identify a retry
        // (and a file import is spooled, not buffered); such requests pass through without idempotency.
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(HeaderName, out var header)
            || !IsJson(context.Request.ContentType)
            || TokenSubject.Of(context.User) is not { } tokenSubject
            || context.RequestServices.GetService<ServiceDbContext>() is not { } db)
        {
            await next(context);
            return;
        }
        if (ParseKey(header.ToString()) is not { } key)
        {
            await WriteValidationProblemAsync(context, $"Must be 1 to {IdempotencyRecord.MaxKeyLength} visible ASCII characters, optionally in double quotes (e.g. a UUID).");
            return;
        }

        var subject = IdempotencyRecord.SubjectKey(tokenSubject);
        var hash = await RequestHashAsync(context.Request);
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var retention = context.RequestServices.GetRequiredService<IOptions<IdempotencyOptions>>().Value.Retention;
        var now = clock.GetUtcNow();
        var earlier = await db.Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Subject == subject && r.Key == key, context.RequestAborted);
        if (earlier is not null && earlier.CreatedAt < now - retention)
        {
            // Expired: the key is free again.
            await db.Set<IdempotencyRecord>().Where(r => r.Subject == subject && r.Key == key).ExecuteDeleteAsync(context.RequestAborted);
            earlier = null;
        }
        if (earlier is not null)
        {
            await AnswerRetryAsync(context, earlier, hash);
            return;
        }

        var pending = new PendingIdempotency(subject, key, hash);
        context.Items[PendingIdempotency.ItemKey] = pending;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (DbUpdateException) when (pending.RaceLost)
        {
            context.Response.Body = original;
            context.Response.Clear();
            await ProblemResponse.WriteAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is already being handled.",
                "Another request with the same key got there first; nothing of this one was saved. Retry later with the same key to get its answer.");
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        // A request that lost the race for the key (its save refused, or a filter answered for it) keeps nothing: the
        // record is the winner's. An answer that holds a secret, or is too large to keep, is not kept either: a retry
        // is then told the request was received (409), never given an empty answer.
        if (context.Response.StatusCode < 500 && context.Response.StatusCode != StatusCodes.Status429TooManyRequests && !pending.RaceLost)
        {
            var keepBody = buffer.Length <= MaxStoredBodyBytes && context.GetEndpoint()?.Metadata.GetMetadata<AnswerNotKept>() is null;
            await KeepAnswerAsync(context, db, pending, keepBody ? buffer : null, now);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    });

    /// <summary>A retry: the kept answer again, 422 for another request under the key, 409 when there is no answer to give.</summary>
    private static async Task AnswerRetryAsync(HttpContext context, IdempotencyRecord earlier, string hash)
    {
        if (!string.Equals(earlier.RequestHash, hash, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await WriteValidationProblemAsync(context, "This key was already used for a different request (method, path or body). Use a new key for a new request.",
                StatusCodes.Status422UnprocessableEntity);
            return;
        }
        if (earlier.ResponseStatus is not { } status)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key was already received.",
                $"It was received at {earlier.CreatedAt:u} and is still being handled, or its change was saved but the answer was lost. "
                + "Nothing was changed now: read the resource before making a new request with a new key.");
            return;
        }
        context.Response.StatusCode = status;
        context.Response.Headers[ReplayedHeader] = "true";
        if (earlier.ResponseLocation is { } location) context.Response.Headers.Location = location;
        if (earlier.ResponseContentType is { } contentType) context.Response.ContentType = contentType;
        if (earlier.ResponseBody is { } body) await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// Keeps the answer: on the record this request's own save committed, or, when it saved nothing, on a new record
    /// unless another request holds the key (its record and answer stand). Without a body the record keeps no answer.
    /// </summary>
    private static async Task KeepAnswerAsync(HttpContext context, ServiceDbContext db, PendingIdempotency pending, MemoryStream? buffer, DateTimeOffset now)
    {
        int? status = buffer is null ? null : context.Response.StatusCode;
        var body = buffer is null ? null : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        string? contentType = buffer is null ? null : context.Response.ContentType;
        string? location = buffer is not null && context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
        try
        {
            if (pending.Saved)
            {
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE idempotency_records SET response_status = {status}, response_content_type = {contentType},
                        response_location = {location}, response_body = {body}
                    WHERE subject = {pending.Subject} AND key = {pending.Key} AND request_hash = {pending.RequestHash} AND response_status IS NULL
                    """, CancellationToken.None);
            }
            else
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO idempotency_records (subject, key, request_hash, created_at, response_status, response_content_type, response_location, response_body)
                    VALUES ({pending.Subject}, {pending.Key}, {pending.RequestHash}, {now}, {status}, {contentType}, {location}, {body})
                    ON CONFLICT (subject, key) DO NOTHING
                    """, CancellationToken.None);
            }
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex))
        {
            // The change (if any) is saved with its record; only the answer is lost: a retry is told so (409), never re-run.
            LogAnswerNotKept(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdempotencyKeys)), ex.GetType().Name);
        }
    }

    /// <summary>Endpoint metadata: the answer holds a secret (an API key shown once), so it is never kept for a replay.</summary>
    public sealed class AnswerNotKept;

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>SHA-256 of the method, path, query and body: the same key must come with the same request.</summary>
    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The key as the draft writes it (a quoted sf-string) or bare; null when it is not 1–255 visible ASCII characters.</summary>
    internal static string? ParseKey(string header)
    {
        var key = header.Length >= 2 && header[0] == '"' && header[^1] == '"' ? header[1..^1] : header;
        return key.Length is >= 1 and <= IdempotencyRecord.MaxKeyLength && key.All(c => c is > ' ' and <= '~') ? key : null;
    }

    private static Task WriteValidationProblemAsync(HttpContext context, string message, int status = StatusCodes.Status400BadRequest)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]> { [HeaderName] = [message] })
            {
                Status = status,
                Title = status == StatusCodes.Status422UnprocessableEntity ? "The Idempotency-Key was used for another request." : "The Idempotency-Key header is invalid.",
            },
        }).AsTask();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to a request with an Idempotency-Key could not be kept ({ExceptionType}); a retry will be told it was received")]
    private static partial void LogAnswerNotKept(ILogger logger, string exceptionType);
}
