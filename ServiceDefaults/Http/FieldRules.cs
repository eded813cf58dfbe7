using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Platform.ServiceDefaults.Http;

// The shape rules of request fields, declared on the request records ([property: ...]) so that .NET's minimal-API
// validation (AddValidation) refuses bad input before a handler runs and the OpenAPI document shows the same rules
// (required, minimum/maximum, maxLength). Messages never name the C# member: the error's key names the JSON field
// (see ValidationProblemKeys), and the message says what is wrong with it.

/// <summary>The field must be present; text must not be blank.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RequiredFieldAttribute : RequiredAttribute
{
    public RequiredFieldAttribute() => ErrorMessage = "This field is required.";
}

/// <summary>Text of at most the given number of characters (OpenAPI <c>maxLength</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MaxCharsAttribute : MaxLengthAttribute
{
    public MaxCharsAttribute(int length) : base(length) => ErrorMessage = "Must be at most {1} characters.";
}

/// <summary>Optional text: when present, non-blank and at most the given number of characters (OpenAPI <c>maxLength</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OptionalTextAttribute : MaxLengthAttribute
{
    public OptionalTextAttribute(int length) : base(length) => ErrorMessage = "Must be non-blank and at most {1} characters.";

    public override bool IsValid(object? value) => value is not string text || (!string.IsNullOrWhiteSpace(text) && base.IsValid(text));
}

/// <summary>
/// Text of at most the given number of characters (OpenAPI <c>maxLength</c>) that also follows a rule of its service's
/// domain, stated in <see cref="Rule"/>; too long is said first. A missing value is left to <see cref="RequiredFieldAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public abstract class TextRuleAttribute(int length, string rule) : MaxLengthAttribute(length)
{
    public string Rule { get; } = rule;

    /// <summary>Whether the text (as <see cref="Normalise"/> gives it) follows the rule.</summary>
    protected abstract bool Follows(string text);

    /// <summary>The text as the service stores it (trimmed, say) before its length and the rule are checked.</summary>
    protected virtual string Normalise(string text) => text;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text) return ValidationResult.Success;
        var normalised = Normalise(text);
        var member = OneOfAttribute.MemberOf(validationContext);
        if (normalised.Length > Length) return new ValidationResult($"Must be at most {Length} characters.", member);
        return Follows(normalised) ? ValidationResult.Success : new ValidationResult(Rule, member);
    }
}

/// <summary>A number between two bounds, inclusive (OpenAPI <c>minimum</c>/<c>maximum</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public class BetweenAttribute : RangeAttribute
{
    public BetweenAttribute(int minimum, int maximum) : base(minimum, maximum) => ErrorMessage = "Must be between {1} and {2}.";

    public BetweenAttribute(double minimum, double maximum) : base(minimum, maximum) => ErrorMessage = "Must be between {1} and {2}.";

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.InvariantCulture, ErrorMessageString, name, Minimum, Maximum);
}

/// <summary>
/// A date between two bounds, inclusive. Each service derives its business-date attribute from its one definition of
/// the dates it accepts. OpenAPI has no bound for a date, so the bounds are written in the field's description.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public abstract class DateBetweenAttribute(DateOnly earliest, DateOnly latest) : ValidationAttribute
{
    public DateOnly Earliest { get; } = earliest;

    public DateOnly Latest { get; } = latest;

    public string Bounds => string.Create(CultureInfo.InvariantCulture, $"between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}");

    public override bool IsValid(object? value) => value is not DateOnly date || (date >= Earliest && date <= Latest);

    public override string FormatErrorMessage(string name) => $"Must be {Bounds}.";
}

/// <summary>
/// One of a fixed set of codes (case-sensitive); a missing value is left to <see cref="RequiredFieldAttribute"/>.
/// A code list the domain holds derives its own attribute from that one list.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public class OneOfAttribute : ValidationAttribute
{
    public OneOfAttribute(params string[] allowed) => Allowed = allowed;

    protected OneOfAttribute(IReadOnlyCollection<string> allowed) => Allowed = allowed;

    public IReadOnlyCollection<string> Allowed { get; }

    /// <summary>An optional code sent blank ("" or spaces) is taken as absent rather than refused.</summary>
    public bool BlankIsAbsent { get; init; }

    internal static string[]? MemberOf(ValidationContext context) => context.MemberName is { } member ? [member] : null;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null || (value is string code && (Allowed.Contains(code) || (BlankIsAbsent && string.IsNullOrWhiteSpace(code))))) return ValidationResult.Success;
        return new ValidationResult($"'{Shown(value)}' is not a valid code. Allowed: {string.Join(", ", Allowed)}.", MemberOf(validationContext));
    }

    /// <summary>A refused value as a message quotes it: its first 20 characters.</summary>
    internal static string Shown(object value)
    {
        var text = value.ToString() ?? "";
        return text.Length > 20 ? text[..20] + "…" : text;
    }
}

/// <summary>
/// An optional value of an enum, as the API writes it in kebab-case ("in-progress") or as the name in any case; numbers
/// are refused so a caller cannot depend on declaration order. The handler reads the accepted value with
/// <see cref="Parse{TEnum}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EnumValueAttribute(Type enumType) : ValidationAttribute
{
    public Type EnumType { get; } = enumType;

    /// <summary>The value the rule accepted, or null when none was given.</summary>
    public static TEnum? Parse<TEnum>(string? value) where TEnum : struct, Enum => TryParse(typeof(TEnum), value, out var parsed) ? (TEnum)parsed : null;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text || text.Length == 0 || TryParse(EnumType, text, out _)) return ValidationResult.Success;
        var allowed = string.Join(", ", Enum.GetNames(EnumType).Select(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName));
        return new ValidationResult($"'{OneOfAttribute.Shown(text)}' is not a valid value. Allowed: {allowed}.", OneOfAttribute.MemberOf(validationContext));
    }

    private static bool TryParse(Type type, string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? parsed)
    {
        parsed = null;
        if (string.IsNullOrEmpty(value) || char.IsAsciiDigit(value[0]) || value[0] == '-') return false;
        if (!Enum.TryParse(type, value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var found) || !Enum.IsDefined(type, found)) return false;
        parsed = found;
        return true;
    }
}

/// <summary>
/// A list of <paramref name="minimum"/> to <paramref name="maximum"/> entries, none of them null (OpenAPI
/// <c>minItems</c>/<c>maxItems</c>); the entries' own fields are validated by their attributes.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public class EntriesAttribute(int minimum, int maximum) : LengthAttribute(minimum, maximum)
{
    /// <summary>When more than 0, every entry is text that is non-blank and at most this long.</summary>
    public int MaxChars { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null) return ValidationResult.Success;
        var member = OneOfAttribute.MemberOf(validationContext);
        if (!IsValid(value)) return new ValidationResult(ErrorMessage ?? $"Must have {MinimumLength} to {MaximumLength} entries.", member);
        var entries = value is System.Collections.IEnumerable list ? list.Cast<object?>().ToList() : [];
        if (entries.IndexOf(null) is var empty and >= 0) return new ValidationResult($"Entry {empty} is empty (null).", member);
        if (MaxChars > 0 && entries.FindIndex(e => e is not string text || string.IsNullOrWhiteSpace(text) || text.Length > MaxChars) is var bad and >= 0)
        {
            return new ValidationResult($"Entry {bad} must be non-blank text of at most {MaxChars} characters.", member);
        }
        return ValidationResult.Success;
    }
}
