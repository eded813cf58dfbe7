using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Collects field errors, with the JSON field name, as an RFC 9457 validation problem: for the checks a request's
/// declared shape cannot state (stored data, today's date, file content, one field against another in a handler).
/// The shape itself is declared on the request records (FieldRules.cs) and checked before a handler runs.
/// </summary>
public sealed class RequestValidator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>The errors so far, by field.</summary>
    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public RequestValidator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
        return this;
    }

    public RequestValidator When(bool failed, string field, string message) => failed ? Add(field, message) : this;

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            Errors,
            title: "One or more validation errors occurred.");
}
