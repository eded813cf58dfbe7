using System.Globalization;
using System.Text;

namespace Platform.Bench;

/// <summary>min / median / max of the repetitions of one figure.</summary>
public sealed record Stat(IReadOnlyList<double> Values)
{
    public double Min => Values.Min();
    public double Max => Values.Max();
    public double Median
    {
        get
        {
            var s = Values.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    public string Format(string unit, int decimals = 0) =>
        Values.Count == 0 ? "n/a" :
        string.Create(CultureInfo.InvariantCulture, $"{F(Median, decimals)} {unit} ({F(Min, decimals)} / {F(Max, decimals)}, n={Values.Count})");

    public static string F(double v, int decimals) => v.ToString("N" + decimals, CultureInfo.InvariantCulture);
}

/// <summary>The markdown report: sections of tables, written to bench/results.md at the end.</summary>
public sealed class Report
{
    private readonly StringBuilder _text = new();

    public void Line(string line = "") => _text.AppendLine(line);

    public void Heading(string title)
    {
        Line();
        Line("## " + title);
        Line();
    }

    public void Table(params string[] header)
    {
        Line("| " + string.Join(" | ", header) + " |");
        Line("|" + string.Concat(Enumerable.Repeat("---|", header.Length)));
    }

    public void Row(params string[] cells) => Line("| " + string.Join(" | ", cells) + " |");

    public static string Met(bool met) => met ? "**met**" : "**missed**";

    public static string Ratio(double a, double b) => b == 0 ? "n/a" : (a / b).ToString("P0", CultureInfo.InvariantCulture);

    public override string ToString() => _text.ToString();
}

public static class Log
{
    public static void Say(string message) => Console.WriteLine($"  [{DateTime.UtcNow:HH:mm:ss}] {message}");
}
