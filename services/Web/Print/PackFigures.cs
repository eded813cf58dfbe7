using System.Globalization;
using System.IO.Compression;
using System.Text;
using Platform.Web.Gateway;
using Platform.Web.Pages;

namespace Platform.Web.Print;

/// <summary>
/// Every figure of the board pack as CSV, one file per table, in one zip: the summary, the areas, the statutory
/// deadlines, the indicators with their month-end series, the actions, what changed and the service charts' figures
/// (recruitment, savings, stability, flow, comparators). Text that a spreadsheet would
/// read as a formula is quoted as text.
/// </summary>
public static class PackFigures
{
    public static byte[] Zip(BoardView view, ServiceChartsView charts)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(charts);
        var b = view.Board;
        var s = b.Summary;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "summary.csv", ["figure", "value"],
            [
                ["board_date", Format.Iso(b.AsAt)], ["changes_since", Format.Iso(s.Since)],
                ["indicators_red", N(s.Indicators.Red)], ["indicators_amber", N(s.Indicators.Amber)], ["indicators_green", N(s.Indicators.Green)],
                ["indicators_no_value", N(s.Indicators.NoData)], ["actions_overdue", N(s.OverdueActions)], ["open_actions_indicators_meet_target", N(s.ActionsWithTargetsMet)],
            ]);
            Add(zip, "areas.csv", ["code", "title", "rating", "direction_of_travel", "actions_overdue", "commentary", "commentary_by", "commentary_for"],
                s.Areas.Select(a => new[] { a.Code, a.Title, a.Rating, a.DirectionOfTravel, N(a.OverdueActions), a.Commentary?.Text ?? "", a.Commentary?.EnteredBy ?? "",
                    a.Commentary is { } c ? Format.Iso(c.On) : "" }));
            Add(zip, "statutory_deadlines.csv", ["deadline", "kind", "due_on", "days_remaining"],
                s.StatutoryDeadlines.Select(d => new[] { d.Description, d.Kind, Format.Iso(d.DueOn), N(d.DaysRemaining) }));
            Add(zip, "indicators.csv", ["code", "name", "measure", "area", "team", "unit", "value", "target", "tolerance", "direction", "status"],
                b.Indicators.Select(i => new[] { i.Code, i.Name, i.Measure, i.AreaCode ?? "", i.TeamCode ?? "", i.Unit, D(i.Value), D(i.Target), D(i.Tolerance), i.Direction, i.Status }));
            Add(zip, "indicator_series.csv", ["code", "month_end", "value", "status"],
                b.Indicators.SelectMany(i => (view.Series.TryGetValue(i.Code, out var points) ? points : []).Select(p => new[] { i.Code, Format.Iso(p.AsAt), D(p.Value), p.Status })));
            Add(zip, "actions.csv", ["area", "title", "owner_role", "raised_on", "due_on", "status", "completed_on", "days_overdue", "indicators_meet_target"],
                b.Areas.SelectMany(a => a.Actions).Select(a => new[] { a.AreaCode, a.Title, a.OwnerRole, Format.Iso(a.RaisedOn), Format.Iso(a.DueOn), a.Status,
                    a.CompletedOn is { } done ? Format.Iso(done) : "", N(a.DaysOverdue), a.IndicatorsMeetTarget ? "yes" : "no" }));
            Add(zip, "changes.csv", ["kind", "subject", "description"], s.Changes.Select(c => new[] { c.Kind, c.Subject, c.Description }));
            Add(zip, "recruitment.csv", ["programme", "month_end", "planned", "created", "filled", "covered_by_agency", "vacant"],
                charts.Recruitment.SelectMany(r => r.Months.Select(m => new[] { r.Name, Format.Iso(m.MonthEnd), N(m.Planned), N(m.Created), N(m.Filled), N(m.CoveredByAgency), N(m.Vacant) })));
            Add(zip, "savings.csv", ["financial_year", "target", "owning_service", "status", "target_amount", "delivered", "shortfall", "unmet_in_forecast"],
                charts.SavingsTargets.Select(t => new[] { charts.FinancialYearName, t.Name, t.OwningService, t.Status, D(t.Target), D(t.Delivered), D(t.Shortfall), D(t.UnmetInForecast) }));
            Add(zip, "placement_stability.csv", ["indicator", "month_end", "value"],
                (charts.Stability?.Series ?? []).SelectMany(series => series.Points.Select(p => new[] { series.Code, Format.Iso(p.AsAt), D(p.Value) })));
            Add(zip, "care_flow.csv", ["from", "to", "started", "ceased"],
                charts.Flow.Select(f => new[] { Format.Iso(f.From), Format.Iso(f.To), N(f.Started), N(f.Ceased) }));
            Add(zip, "care_population_comparison.csv", ["as_at", "children_looked_after", "rate_per_10000", "england_rate_per_10000", "statistical_neighbours_rate_per_10000",
                "growth_percent", "england_growth_percent"],
                charts.Comparison.Select(y => new[] { Format.Iso(y.AsAt), N(y.ChildrenLookedAfter), D(y.RatePer10000), D(y.EnglandRatePer10000),
                    D(y.StatisticalNeighbourRatePer10000), D(y.GrowthPercent), D(y.EnglandGrowthPercent) }));
        }
        return buffer.ToArray();
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Add(ZipArchive zip, string name, string[] header, IEnumerable<string[]> rows)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.Write(string.Join(',', header.Select(Field)) + "\r\n");
        foreach (var row in rows) writer.Write(string.Join(',', row.Select(Field)) + "\r\n");
    }

    /// <summary>One CSV field: quoted when it holds a comma, quote or line break; text starting like a formula is prefixed with a quote mark.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Length > 0 && "=+@\t\r".Contains(value[0], StringComparison.Ordinal)
            || (value.StartsWith('-') && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
