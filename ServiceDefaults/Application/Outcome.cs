using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Application;

/// <summary>
/// What a use case's handler answers: done (with its result), refused (the field errors a request with the same fields
/// gets as 400 problem+json) or not found. Endpoints map it to HTTP results; message consumers call
/// <see cref="ResultOrThrow"/>, so a refused message is parked with the reason and a missing one retried. Business
/// rules the domain refuses still throw <see cref="DomainRuleException"/>, which both paths already handle.
/// </summary>
public sealed class Outcome<T>
{
    internal Outcome(T? result, IDictionary<string, string[]>? errors, bool isNotFound) =>
        (Result, Errors, IsNotFound) = (result, errors, isNotFound);

    /// <summary>The result when the use case was done.</summary>
    public T? Result { get; }

    /// <summary>The field errors when it was refused (JSON field names, as a request would name them).</summary>
    public IDictionary<string, string[]>? Errors { get; }

    /// <summary>True when what the use case acts on does not exist.</summary>
    public bool IsNotFound { get; }

    /// <summary>For an endpoint: the 400 problem of a refused use case.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(Errors ?? new Dictionary<string, string[]>(), title: "One or more validation errors occurred.");

    /// <summary>
    /// For a message consumer: the result, or the failure the messaging pipeline acts on: a refusal is a
    /// <see cref="DomainRuleException"/> naming the first field (parked, not retried); not found is a
    /// <see cref="KeyNotFoundException"/> (retried: what it names may still be on its way).
    /// </summary>
    public T ResultOrThrow(string notFound)
    {
        if (Errors is { Count: > 0 } errors)
        {
            var (field, messages) = errors.First();
            throw DomainRuleException.ForField(field, string.Join(" ", messages));
        }
        if (IsNotFound) throw new KeyNotFoundException(notFound);
        return Result!;
    }
}

/// <summary>Making an <see cref="Outcome{T}"/>.</summary>
public static class Outcome
{
    public static Outcome<T> Done<T>(T result) => new(result, null, false);

    /// <summary>Refused with the validator's field errors.</summary>
    public static Outcome<T> Refused<T>(RequestValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return new(default, validator.Errors, false);
    }

    /// <summary>Refused with field errors (JSON field names), e.g. of <see cref="RequestValidation.Check"/>.</summary>
    public static Outcome<T> Refused<T>(IDictionary<string, string[]> errors) => new(default, errors, false);

    public static Outcome<T> NotFound<T>() => new(default, null, true);
}
