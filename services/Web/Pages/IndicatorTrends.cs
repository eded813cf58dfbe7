using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>
/// Loads month-end series for a service page's trend chart from the Inspections indicator API: for each measure, the
/// department-wide indicator of the catalogue that tracks it (no team), then its series as at the date.
/// </summary>
public static class IndicatorTrends
{
    public static async Task<IndicatorTrendView> LoadAsync(GatewayClient gateway, string title, string testId, DateOnly asAt,
        IReadOnlyList<(string Measure, string Name, string CssClass)> measures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(measures);
        var catalogue = await gateway.GetAsync<PageOf<Indicator>>($"/api/inspections/indicators?asAt={Format.Iso(asAt)}&pageSize=200", cancellationToken);
        var indicators = catalogue.Value?.Items ?? [];
        var series = await Task.WhenAll(measures.Select(async m =>
        {
            var indicator = indicators.Where(i => i.Measure == m.Measure && i.TeamCode is null).OrderBy(i => i.Code, StringComparer.Ordinal).FirstOrDefault();
            if (indicator is null) return (Indicator: (Indicator?)null, Series: new TrendSeries(m.Measure, m.Name, m.CssClass, []));
            var detail = await gateway.GetAsync<IndicatorDetail>($"/api/inspections/indicators/{Uri.EscapeDataString(indicator.Code)}?asAt={Format.Iso(asAt)}", cancellationToken);
            return (Indicator: (Indicator?)indicator, Series: new TrendSeries(indicator.Code, m.Name, m.CssClass, detail.Value?.Series ?? []));
        }));
        var unit = series.Select(s => s.Indicator?.Unit).FirstOrDefault(u => u is not null) ?? "";
        // Each indicator's target, named after its series when the chart has several.
        var targets = series.Where(s => s.Indicator is not null)
            .Select(s => new ChartTarget(series.Length == 1 ? "Target" : $"{s.Series.Name} target", s.Indicator!.Target)).ToList();
        return new IndicatorTrendView(title, unit, testId, series.Select(s => s.Series).ToList(), targets);
    }
}
