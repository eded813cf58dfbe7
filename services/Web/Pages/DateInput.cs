using System.Globalization;
using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>
/// A date chosen with the GOV.UK Frontend date input (three fields: <c>{name}-day</c>, <c>{name}-month</c>,
/// <c>{name}-year</c>), or carried by a link as one ISO value (<c>{name}=2019-11-01</c>), with GOV.UK's error messages:
/// "Enter …", "… must include a month", "Year must include 4 numbers", "… must be a real date".
/// </summary>
public sealed record DateInput(string Name, string Legend, string? Day, string? Month, string? Year, DateOnly? Value, string? Error,
    IReadOnlySet<string> ErrorParts)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();
    private static readonly string[] Parts = ["day", "month", "year"];
    private static readonly IReadOnlySet<string> All = Parts.ToHashSet();

    public static DateInput Read(IQueryCollection query, string name, string legend)
    {
        string? Part(string part) => query.TryGetValue($"{name}-{part}", out var value) ? value.ToString().Trim() : null;
        var (day, month, year) = (Part("day"), Part("month"), Part("year"));
        if (day is null && month is null && year is null)
        {
            if (!query.TryGetValue(name, out var iso) || string.IsNullOrWhiteSpace(iso)) return Empty(name, legend);
            return DateOnly.TryParseExact(iso.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var linked)
                ? Shown(name, legend, linked)
                : new DateInput(name, legend, null, null, null, null, $"{legend} must be a real date", All);
        }

        var missing = new[] { ("day", day), ("month", month), ("year", year) }.Where(p => string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1).ToList();
        DateInput Refused(string error, IReadOnlySet<string> parts) => new(name, legend, day, month, year, null, error, parts);
        if (missing.Count == 3) return Refused($"Enter the {legend.ToLowerInvariant()}", All);
        if (missing.Count > 0) return Refused($"{legend} must include a {string.Join(" and ", missing)}", missing.ToHashSet());
        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return Refused($"{legend} must be a real date", All);
        }
        if (year!.Length != 4) return Refused("Year must include 4 numbers", new HashSet<string> { "year" });
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return Refused($"{legend} must be a real date", All);
        return new DateInput(name, legend, day, month, year, new DateOnly(y, m, d), null, None);
    }

    public static DateInput Empty(string name, string legend) => new(name, legend, null, null, null, null, null, None);

    private static DateInput Shown(string name, string legend, DateOnly date) =>
        new(name, legend, date.Day.ToString(CultureInfo.InvariantCulture), date.Month.ToString(CultureInfo.InvariantCulture),
            date.Year.ToString(CultureInfo.InvariantCulture), date, null, None);

    /// <summary>The fields to show: what was typed, else the date the page shows.</summary>
    public DateInput Showing(DateOnly date) => Day is null && Month is null && Year is null && Error is null ? Shown(Name, Legend, date) with { Value = Value } : this;

    /// <summary>The field the error summary links to: the first one in error.</summary>
    public string ErrorAnchor => $"{Name}-{Parts.First(p => ErrorParts.Count == 0 || ErrorParts.Contains(p))}";

    /// <summary>The error summary's problem, or null when the date is fine.</summary>
    public ApiProblem? Problem => Error is null ? null : new ApiProblem(400, "There is a problem", null) { Errors = new Dictionary<string, string[]> { [ErrorAnchor] = [Error] } };
}
