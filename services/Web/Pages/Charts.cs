using System.Globalization;
using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>One bar of a horizontal bar chart: a label and one or two values (e.g. budget and forecast).</summary>
public sealed record BarRow(string Label, decimal First, decimal? Second, bool Highlight);

/// <summary>A target drawn across a line chart as a dashed line with its label ("Target 10%", "Vacancy rate target 10%").</summary>
public sealed record ChartTarget(string Label, decimal Value);

/// <summary>A line series of a line chart (its points may have gaps).</summary>
public sealed record LineSeries(string Name, string CssClass, IReadOnlyList<decimal?> Values);

/// <summary>
/// Server-rendered SVG charts: pure geometry here, markup in the Razor partials. Every chart on a page also has its
/// numbers in a table (and a CSV where the API offers one); colour is never the only way a value is told.
/// </summary>
public static class Charts
{
    public const int Width = 720;

    public static string N(decimal value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Width of a legend character in chart units: generous enough for the pack's larger chart text.</summary>
    public const int LegendCharWidth = 9;

    /// <summary>
    /// Where each legend entry goes (a 24-unit line, then its name), left to right from <paramref name="left"/>,
    /// wrapping onto another row rather than running into the next entry; and how many rows that takes.
    /// </summary>
    public static (IReadOnlyList<(int X, int Row)> Entries, int Rows) Legend(IReadOnlyList<string> names, int left)
    {
        ArgumentNullException.ThrowIfNull(names);
        var entries = new List<(int X, int Row)>();
        var (x, row) = (left, 0);
        foreach (var name in names)
        {
            var width = 30 + name.Length * LegendCharWidth + 16;
            if (x > left && x + width > Width)
            {
                (x, row) = (left, row + 1);
            }
            entries.Add((x, row));
            x += width;
        }
        return (entries, row + 1);
    }

    /// <summary>The scale's maximum: the largest value rounded up to a round number.</summary>
    public static decimal NiceMax(IEnumerable<decimal> values)
    {
        var max = values.DefaultIfEmpty(0).Max();
        if (max <= 0) return 1;
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)max)));
        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (max <= step * magnitude) return step * magnitude;
        }
        return 10 * magnitude;
    }
}

/// <summary>What the bar chart partial draws.</summary>
public sealed record BarChartView(string Title, IReadOnlyList<BarRow> Rows, string FirstName, string? SecondName, string Unit);

/// <summary>
/// What the line chart partial draws: labels along the x axis (month ends as "Nov 2019"), one or more series, the unit
/// of the y axis, the axes' titles (the y axis's defaults to the unit), and a target drawn as a labelled dashed line.
/// </summary>
public sealed record LineChartView(string Title, IReadOnlyList<string> Labels, IReadOnlyList<LineSeries> Series, string Unit,
    string? YTitle = null, string XTitle = "Month end", IReadOnlyList<ChartTarget>? Targets = null)
{
    public static string MonthLabel(DateOnly date) => date.ToString("MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>One indicator's month-end series on a service page (from the Inspections indicator API).</summary>
public sealed record TrendSeries(string Code, string Name, string CssClass, IReadOnlyList<SeriesPoint> Points);

/// <summary>
/// Indicators over time as a line chart with a table of the same numbers: the month ends of the series, one column per
/// indicator (all in the same unit).
/// </summary>
public sealed record IndicatorTrendView(string Title, string Unit, string TestId, IReadOnlyList<TrendSeries> Series, IReadOnlyList<ChartTarget>? Targets = null)
{
    public IReadOnlyList<DateOnly> Dates => Series.SelectMany(s => s.Points.Select(p => p.AsAt)).Distinct().Order().ToList();

    public static decimal? ValueAt(TrendSeries series, DateOnly date) =>
        series?.Points.FirstOrDefault(p => p.AsAt == date)?.Value;

    public bool HasData => Dates.Count > 1 && Series.Any(s => s.Points.Any(p => p.Value is not null));

    public LineChartView Chart => new(Title, Dates.Select(LineChartView.MonthLabel).ToList(),
        Series.Select(s => new LineSeries(s.Name, s.CssClass, Dates.Select(d => ValueAt(s, d)).ToList())).ToList(), Unit, Targets: Targets);
}
