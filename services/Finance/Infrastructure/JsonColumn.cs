using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Platform.Finance.Infrastructure;

/// <summary>
/// A list kept as one jsonb value: changed in place by the domain (insert, replace, sort) and saved whole.
/// Owned JSON collections track each element by position and refuse a replaced element, so a value with a
/// comparer is used instead.
/// </summary>
internal static class JsonColumn<T>
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(List<T> value) => JsonSerializer.Serialize(value, Options);

    public static List<T> Read(string json) => JsonSerializer.Deserialize<List<T>>(json, Options) ?? [];

    public static readonly ValueComparer<List<T>> Comparer = new(
        (a, b) => Write(a!) == Write(b!),
        value => Write(value).GetHashCode(StringComparison.Ordinal),
        value => Read(Write(value)));
}
