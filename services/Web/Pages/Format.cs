using System.Globalization;
using Platform.ServiceDefaults.Domain;
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

    /// <summary>
    /// A figure as a board reads it: money in £m (one decimal) from a million and £k from a thousand ("£78.3m",
    /// "£850k"); other units as <see cref="Value"/>. Tables beside the figures keep the exact pounds.
    /// </summary>
    public static string Board(decimal? value, string unit)
    {
        if (unit != "£" || value is not { } v) return Value(value, unit);
        var sign = v < 0 ? "-" : "";
        var size = Math.Abs(v);
        return size switch
        {
            >= 1_000_000m => $"{sign}£{(size / 1_000_000m).ToString("#,##0.0", CultureInfo.InvariantCulture)}m",
            >= 1_000m => $"{sign}£{(size / 1_000m).ToString("#,##0", CultureInfo.InvariantCulture)}k",
            _ => Value(v, unit),
        };
    }

    /// <summary>
    /// A 0–1 ratio (as the Workforce API answers supervision compliance) as a percentage: ×100 here and nowhere else,
    /// to one decimal place at most ("91.6%", "100%").
    /// </summary>
    public static string Percent(decimal? ratio) => ratio is { } r ? Value(r * 100m, "%") : "no data";

    /// <summary>The financial year (1 April to 31 March, named by its start year) a date falls in: 1 November 2019 is in 2019.</summary>
    public static int FinancialYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>A financial year's name, as Finance writes it: 2019 is "2019-20".</summary>
    public static string FinancialYear(int startYear) =>
        $"{startYear.ToString(CultureInfo.InvariantCulture)}-{((startYear + 1) % 100).ToString("00", CultureInfo.InvariantCulture)}";

    /// <summary>Finance's line for the rest of the council (not an S251 line), which virements such as "Investing in Children" come from.</summary>
    public const string OtherCouncilServices = "other-council-services";

    /// <summary>A budget line's name: the S251 line it stands for, never its code.</summary>
    public static string BudgetLine(string code) =>
        S251Lines.All.TryGetValue(code, out var name) ? name
        : code == OtherCouncilServices ? "Other council services (outside children's social care)"
        : Words(code);

    /// <summary>A commissioner's recommendation (the DfE intervention options) in words.</summary>
    public static string Recommendation(string code) => code switch
    {
        "remain-with-council" => "Remain with the council",
        "remain-with-council-with-support" => "Remain with the council, with support",
        "partnership-with-strong-authority" => "Partnership with a strong authority",
        "alternative-delivery-model" => "Alternative delivery model",
        "shared-director" => "Shared director of children's services",
        "direction-revoked" => "Direction revoked",
        _ => Words(code),
    };

    /// <summary>The council running the platform (<c>Council__Name</c>), as the header and the pack's cover name it; without it, the department.</summary>
    public static string Council(IConfiguration configuration) =>
        configuration?["Council:Name"] is { Length: > 0 } name ? name : "Children's services";

    /// <summary>A team's name where the page knows it, else its code.</summary>
    public static string Team(string code, IReadOnlyDictionary<string, string>? names) =>
        names is not null && names.TryGetValue(code, out var name) && !string.IsNullOrWhiteSpace(name) ? name : code;

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

    /// <summary>An area's direction of travel since the previous board, in words with an arrow (the arrow is decoration).</summary>
    public static string Travel(string travel) => travel switch
    {
        "improving" => "↑ Improving",
        "worsening" => "↓ Worsening",
        "no-change" => "→ No change",
        _ => "Not known yet",
    };

    public static string Direction(string direction) => direction == "higher-is-better" ? "higher is better" : "lower is better";
}
