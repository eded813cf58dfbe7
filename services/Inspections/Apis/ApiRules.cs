using System.Text.RegularExpressions;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Apis;

/// <summary>Validation rules shared by the Inspections endpoints.</summary>
internal static partial class ApiRules
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    public static void OptionalDate(this RequestValidator validator, string field, DateOnly? value) =>
        validator.When(value is { } date && (date < EarliestDate || date > LatestDate), field, $"Must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");

    public static void OptionalText(this RequestValidator validator, string field, string? value, int maxLength) =>
        validator.When(value is not null && (string.IsNullOrWhiteSpace(value) || value.Length > maxLength), field, $"Must be non-blank and at most {maxLength} characters.");

    /// <summary>A code: letters, digits and hyphens, 1–40 characters (stored upper-case).</summary>
    public static bool Code(this RequestValidator validator, string field, string? value, bool required = true)
    {
        if (value is null && !required) return true;
        if (!validator.Required(field, value, 40)) return false;
        if (!CodePattern().IsMatch(value)) validator.Add(field, "Use letters, digits and hyphens only.");
        return CodePattern().IsMatch(value);
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();
}
