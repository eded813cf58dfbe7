using System.Globalization;
using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>How the pages write dates, values, grades and RAG statuses (always as words, never colour alone).</summary>
public static class Format
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "not set";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A code such as <c>children-in-care-and-care-leavers</c> as words.</summary>
    public static string Words(string code)
    {
        var words = code.Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static string Value(decimal? value, string unit)
    {
        if (value is not { } v) return "No data";
        if (unit == "£") return v.ToString("£#,##0;-£#,##0", CultureInfo.InvariantCulture);
        var number = v.ToString(Math.Abs(v) >= 100 ? "#,##0" : "#,##0.#", CultureInfo.InvariantCulture);
        return unit.StartsWith('%') ? $"{number}{unit}" : $"{number} {unit}";
    }

    public static string Number(decimal value, string unit) => Value(value, unit);

    public static string RagText(string status) => status switch
    {
        "green" => "Green: on target",
        "amber" => "Amber: within tolerance",
        "red" => "Red: off target",
        _ => "No data",
    };

    public static string RagTagClass(string status) => status switch
    {
        "green" => "govuk-tag--green",
        "amber" => "govuk-tag--yellow",
        "red" => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string GradeTagClass(string grade) => grade switch
    {
        "outstanding" => "govuk-tag--green",
        "good" => "govuk-tag--turquoise",
        "requires-improvement" => "govuk-tag--yellow",
        "inadequate" => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string StatusTagClass(PlanAction action) => action.Status switch
    {
        "completed" => "govuk-tag--green",
        "overdue" => "govuk-tag--red",
        "blocked" => "govuk-tag--orange",
        "in-progress" => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    public static string DaysRemaining(int days) => days switch
    {
        < 0 => $"{-days} days overdue",
        0 => "Due today",
        1 => "1 day remaining",
        _ => $"{days} days remaining",
    };

    public static string InspectionType(string type) => type switch
    {
        "ilacs-standard" => "ILACS standard inspection",
        "ilacs-short" => "ILACS short inspection",
        "focused-visit" => "Focused visit",
        "monitoring-visit" => "Monitoring visit",
        "jtai" => "Joint targeted area inspection",
        _ => Words(type),
    };

    public static string Direction(string direction) => direction == "higher-is-better" ? "higher is better" : "lower is better";
}
