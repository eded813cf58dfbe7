using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Platform.Web.Pages;

/// <summary>
/// Links between pages, each carrying the date the current page shows, so moving from the board dated 1 November 2019
/// to a service page (and on, and back) stays on 1 November 2019. Workforce, Placements and the board take
/// <c>asAt</c>; Finance takes the financial year of the date and the date itself. A page shown for today (no date
/// chosen) links without a date, so each page shows its own today.
/// </summary>
public static class Links
{
    /// <summary>The ViewData key under which a page puts the date its links carry (a <see cref="DateOnly"/>, or null).</summary>
    public const string DateKey = "LinkDate";

    public static DateOnly? DateOf(ViewDataDictionary viewData) => viewData?[DateKey] as DateOnly?;

    public static string Board(DateOnly? asAt) => asAt is { } d ? $"/?asAt={Format.Iso(d)}" : "/";

    public static string Workforce(DateOnly? asAt) => asAt is { } d ? $"/workforce?asAt={Format.Iso(d)}" : "/workforce";

    public static string Placements(DateOnly? asAt) => asAt is { } d ? $"/placements?asAt={Format.Iso(d)}" : "/placements";

    public static string Finance(DateOnly? asAt) =>
        asAt is { } d ? $"/finance?financialYear={Format.FinancialYearOf(d).ToString(System.Globalization.CultureInfo.InvariantCulture)}&asAt={Format.Iso(d)}" : "/finance";

    public static string Print(DateOnly asAt) => $"/print?asAt={Format.Iso(asAt)}";
}
