using System.Globalization;
using System.Text;
using Platform.Finance.Domain;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

namespace Platform.Finance.Apis;

/// <summary>Conventions shared by the Finance endpoints.</summary>
internal static class ApiHelpers
{
    /// <summary>
    /// Who made a change: the subject (<c>sub</c>) of the validated token, at most 100 characters. Never a header or a
    /// body field the caller sets: a finance officer cannot record a change as the Director. (Every Finance write
    /// requires a token, so "system" is only a fallback.)
    /// </summary>
    public static string UserOf(HttpContext context)
    {
        var subject = TokenSubject.Of(context.User) ?? "system";
        return subject.Length <= 100 ? subject : subject[..100];
    }

    /// <summary>Money to pence, for presentation only.</summary>
    public static decimal Pence(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// True when the caller asked for CSV (<c>?format=csv</c> or <c>Accept: text/csv</c>); the endpoint declares
    /// <c>[OneOf("json", "csv")]</c> on <c>format</c>.
    /// </summary>
    public static bool WantsCsv(HttpContext context, string? format) =>
        format == "csv" || (format is null && context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));

    public static string Csv(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', header.Select(Field)));
        foreach (var row in rows) text.AppendLine(string.Join(',', row.Select(Field)));
        return text.ToString();
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // Quote when needed, and neutralise text a spreadsheet would run as a formula.
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) && value is not decimal and not int) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
