using System.Globalization;
using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>An indicator on the board: its value as at the board's date and its month-end series.</summary>
/// <param name="Indicator">The indicator as at the board's date.</param>
/// <param name="Series">Its month-end values.</param>
/// <param name="Instance">Distinguishes element ids when one page shows the tile more than once.</param>
/// <param name="TeamName">The name of the team the indicator is for (its code when the name is unknown), null for a department-wide one.</param>
public sealed record IndicatorTile(Indicator Indicator, IReadOnlyList<SeriesPoint> Series, string Instance = "board", string? TeamName = null);

/// <summary>Coordinates of a trend sparkline: month-end values scaled into a small SVG, target line included.</summary>
public sealed record TrendChart(string Points, IReadOnlyList<(string X, string Y, string Status, string Label)> Dots, string? TargetY)
{
    public const int Width = 240;
    public const int Height = 56;

    /// <summary>The plot's height; the month labels of the first and last points sit below it.</summary>
    public const int PlotHeight = 44;
    private const int Pad = 5;

    public static TrendChart For(IndicatorTile tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        var values = tile.Series.Where(p => p.Value is not null).Select(p => p.Value!.Value).Append(tile.Indicator.Target).ToList();
        var min = values.Min();
        var max = values.Max();
        if (max == min) max = min + 1;
        string X(int index) => Coordinate(Pad + (Width - 2 * Pad) * (tile.Series.Count == 1 ? 0 : (decimal)index / (tile.Series.Count - 1)));
        string Y(decimal value) => Coordinate(PlotHeight - Pad - (PlotHeight - 2 * Pad) * (value - min) / (max - min));
        // Each point's value on hover (an SVG title), as the table under "Numbers" has it.
        var dots = tile.Series.Select((p, i) => (p, i)).Where(x => x.p.Value is not null)
            .Select(x => (X(x.i), Y(x.p.Value!.Value), x.p.Status, $"{Format.Date(x.p.AsAt)}: {Format.Board(x.p.Value, tile.Indicator.Unit)} ({Format.RagText(x.p.Status)})")).ToList();
        return new TrendChart(string.Join(' ', dots.Select(d => $"{d.Item1},{d.Item2}")), dots, Y(tile.Indicator.Target));
    }

    private static string Coordinate(decimal value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
