using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Domain;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Turns the exceptions an API can meet into <c>application/problem+json</c> answers a caller can act on:
/// unreadable JSON names the field (400), broken domain rules say which rule (400/409), and an unreachable
/// database is a 503 the caller may retry. Anything else is a 500 without internals.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            DomainRuleException rule => FromDomainRule(rule),
            // Two requests changed the same record, or raced to create the same unique one: nothing of the loser was saved.
            DbUpdateConcurrencyException or DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The record was changed by another request at the same time.",
                Detail = "Nothing was changed. Read it again and retry.",
            },
            _ when TransientFailures.IsTransient(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service's database is unavailable.",
                // Only a connection that was never made proves nothing changed: a connection lost during a write may
                // have lost the answer to a commit that happened.
                Detail = HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method)
                    ? "Try again shortly."
                    : TransientFailures.IsConnectionRefused(exception)
                        ? "Nothing was changed. Try again shortly."
                        : "The connection to the database was lost while handling the request, so whether the change was saved is unknown. "
                            + "Retry with the same Idempotency-Key (the change is then made at most once), or read the resource before retrying.",
            },
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception);
            return false;
        }

        if (problem.Status >= 500)
        {
            LogUnavailable(logger, exception.GetType().Name);
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = 413, Title = "The request body is too large." };
        }

        // The JSON reader knows which property it could not read; report it as a field error.
        if (exception.InnerException is JsonException json)
        {
            var field = JsonPathToField(json.Path);
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json.Path is null or "$" ? "The request body is not valid JSON." : "The value is not of the expected type or format."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read.",
            };
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "The request could not be read.",
            Detail = exception.Message,
        };
    }

    private static HttpValidationProblemDetails FromDomainRule(DomainRuleException rule) =>
        new(new Dictionary<string, string[]> { [rule.Field ?? "request"] = [rule.Message] })
        {
            Status = rule.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            Title = rule.IsConflict ? "The request conflicts with the current state." : "One or more validation errors occurred.",
            Detail = rule.Message,
        };

    /// <summary>"$.annualCost" → "annualCost", "$.items[2].code" → "items[2].code", "$" → "body".</summary>
    private static string JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while processing the request")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request failed because a dependency is unavailable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
