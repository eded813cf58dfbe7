using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Collects field errors for a request so that a caller learns of every problem at once, with the JSON
/// field name, as an RFC 9457 validation problem. Request DTOs use nullable members so a missing field is
/// distinguishable from a default value.
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

    public bool Required<T>(string field, [NotNullWhen(true)] T? value) where T : struct
    {
        if (value.HasValue) return true;
        Add(field, "This field is required.");
        return false;
    }

    public bool Required(string field, [NotNullWhen(true)] string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "This field is required.");
            return false;
        }
        if (value.Length > maxLength)
        {
            Add(field, $"Must be at most {maxLength} characters.");
            return false;
        }
        return true;
    }

    public void Range(string field, decimal? value, decimal min, decimal max)
    {
        if (Required(field, value) && (value < min || value > max))
        {
            Add(field, $"Must be between {min} and {max}.");
        }
    }

    public void DateRange(string field, DateOnly? value, DateOnly min, DateOnly max)
    {
        if (Required(field, value) && (value < min || value > max))
        {
            Add(field, $"Must be between {min:yyyy-MM-dd} and {max:yyyy-MM-dd}.");
        }
    }

    public void OneOf(string field, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if (value is null && !required) return;
        if (!Required(field, value, 50)) return;
        if (!allowed.Contains(value))
        {
            Add(field, $"'{Truncate(value)}' is not a valid code. Allowed: {string.Join(", ", allowed)}.");
        }
    }

    /// <summary>
    /// An optional enum query value, accepted in the kebab-case the API writes ("in-progress") or as the name in any
    /// case; numbers are refused so a caller cannot depend on declaration order.
    /// </summary>
    public TEnum? OptionalEnum<TEnum>(string field, string? value) where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (!char.IsAsciiDigit(value[0]) && value[0] != '-'
            && Enum.TryParse<TEnum>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }
        Add(field, $"'{Truncate(value)}' is not a valid value. Allowed: {string.Join(", ", Enum.GetNames<TEnum>().Select(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName))}.");
        return null;
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            Errors,
            title: "One or more validation errors occurred.");

    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
