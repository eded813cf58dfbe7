using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The platform's conventions for .NET's declarative request validation (the attributes in FieldRules.cs): errors keyed by the
/// JSON field name, and OpenAPI schemas that show the declared rules. Each service still calls
/// <c>builder.Services.AddValidation()</c> itself: the validation source generator describes the request types of the
/// assembly that makes that call.
/// </summary>
public static class RequestValidation
{
    /// <summary>
    /// .NET's validation keys an error by the C# path ("Items[0].Code", "PageSize"); the API speaks camelCase JSON, so
    /// every segment of a key that is a C# member name is camel-cased ("items[0].code", "pageSize"). Keys already in
    /// camelCase (the handlers' and the domain's) are left as they are.
    /// </summary>
    public static IServiceCollection AddValidationProblemKeys(this IServiceCollection services) =>
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                if (context.ProblemDetails is HttpValidationProblemDetails validation && validation.Errors.Keys.Any(NeedsCamelCase))
                {
                    var errors = validation.Errors.ToList();
                    validation.Errors.Clear();
                    foreach (var (key, messages) in errors)
                    {
                        var field = JsonKey(key);
                        validation.Errors[field] = validation.Errors.TryGetValue(field, out var earlier) ? [.. earlier, .. messages] : messages;
                    }
                }
            };
        });

    /// <summary>
    /// Refuses a request that lacks a [Required] handler parameter (a query parameter such as <c>financialYear</c>):
    /// .NET's validation filter checks only the arguments that are present, so without this a missing one would reach
    /// the handler as null. The refusal is the same validation problem, keyed by the parameter's name.
    /// </summary>
    public static TBuilder RequireDeclaredParameters<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var required = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (Index: index, parameter.Name,
                    Rule: parameter.GetCustomAttributes(typeof(RequiredAttribute), inherit: true).OfType<RequiredAttribute>().FirstOrDefault()))
                .Where(p => p.Rule is not null && p.Name is not null)
                .Select(p => (p.Index, Field: JsonKey(p.Name!), Message: p.Rule!.FormatErrorMessage(p.Name!)))
                .ToArray();
            if (required.Length == 0) return next;
            return async invocation =>
            {
                var missing = required
                    .Where(p => invocation.Arguments[p.Index] is null or string { Length: 0 })
                    .ToDictionary(p => p.Field, p => new[] { p.Message }, StringComparer.Ordinal);
                return missing.Count == 0 ? await next(invocation) : TypedResults.ValidationProblem(missing, title: "One or more validation errors occurred.");
            };
        });

    /// <summary>
    /// The declared rules of an input that does not arrive as a request (a use case's command from a message): the
    /// same checks and messages as the endpoint filter, keyed by JSON field name; empty when the input is valid.
    /// </summary>
    public static IDictionary<string, string[]> Check(object input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Field: JsonKey(m), Message: r.ErrorMessage ?? "Is not valid.")))
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>"Items[0].Code" → "items[0].code"; "effectiveFrom" and "Idempotency-Key" stay as they are.</summary>
    public static string JsonKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Join('.', key.Split('.').Select(segment =>
        {
            var end = segment.IndexOf('[', StringComparison.Ordinal) is var bracket and >= 0 ? bracket : segment.Length;
            var name = segment[..end];
            return IsMemberName(name) && char.IsUpper(name[0]) ? JsonNamingPolicy.CamelCase.ConvertName(name) + segment[end..] : segment;
        }));
    }

    private static bool NeedsCamelCase(string key) => key.Split('.').Any(s => s.Length > 0 && char.IsUpper(s[0]) && IsMemberName(s.Split('[')[0]));

    private static bool IsMemberName(string name) => name.Length > 0 && char.IsLetter(name[0]) && name.All(char.IsLetterOrDigit);

    /// <summary>
    /// OpenAPI schemas from the declared rules. A request type that declares rules lists as <c>required</c> exactly its
    /// [RequiredField] members (by default every constructor parameter is listed, optional ones too); a date field states
    /// its bounds in its description, as JSON Schema has no bounds for dates.
    /// </summary>
    public static OpenApiOptions AddValidationSchemas(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo?.AttributeProvider is { } member
                && member.GetCustomAttributes(typeof(DateBetweenAttribute), inherit: true).FirstOrDefault() is DateBetweenAttribute dates)
            {
                var bounds = $"A date {dates.Bounds}.";
                schema.Description = string.IsNullOrEmpty(schema.Description) ? bounds : $"{schema.Description} {bounds}";
            }
            else if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
            {
                var rules = context.JsonTypeInfo.Properties
                    .Select(p => (p.Name, Attributes: p.AttributeProvider?.GetCustomAttributes(typeof(ValidationAttribute), inherit: true) ?? []))
                    .ToList();
                if (rules.Any(r => r.Attributes.Length > 0))
                {
                    schema.Required = rules.Where(r => r.Attributes.OfType<RequiredAttribute>().Any()).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
                }
            }
            return Task.CompletedTask;
        });
    }
}
