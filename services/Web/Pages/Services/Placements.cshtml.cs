using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;

namespace Platform.Web.Pages.Services;

/// <summary>Placements: children looked after at each month end of the year to a date, the rate per 10,000 against England and statistical neighbours, 3+ placements and foster placements with the council's own carers over time.</summary>
public sealed class PlacementsModel(GatewayClient gateway) : PageModel
{
    /// <summary>The date chosen (null: today), from the date input or a link's <c>asAt</c>.</summary>
    public DateOnly? AsAt => DateChoice.Value;

    public DateInput DateChoice { get; private set; } = DateInput.Empty("asAt", "Date");

    public DateOnly Date => AsAt ?? BoardLoader.Today();

    public IReadOnlyList<CarePopulation> Points { get; private set; } = [];

    public ApiProblem? Problem { get; private set; }

    /// <summary>Children looked after with 3 or more placements in the 12 months to each month end.</summary>
    public IndicatorTrendView? Stability { get; private set; }

    /// <summary>Children in foster placements placed with the council's own carers (PR1), as a share of all in foster placements, at each month end.</summary>
    public IndicatorTrendView? FosterProvision { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DateChoice = DateInput.Read(Request.Query, "asAt", "Date");
        if (DateChoice.Problem is { } dateProblem)
        {
            Problem = dateProblem;
            return;
        }
        (Points, Problem) = await ServiceCharts.CarePopulationAsync(gateway, Date, cancellationToken);
        Flow = await ServiceCharts.FlowAsync(gateway, Date, cancellationToken);
        Comparison = await ServiceCharts.ComparisonAsync(gateway, Date, cancellationToken);
        Stability = await ServiceCharts.StabilityAsync(gateway, Date, cancellationToken);
        FosterProvision = await IndicatorTrends.LoadAsync(gateway, $"Foster placements with the council's own carers, to {Format.Date(Date)}", "foster-own-provision", Date,
            [("foster-own-provision", "With the council's own carers", "council")], cancellationToken);
    }

    /// <summary>Children starting and ceasing to be looked after in each month (Placements' figures).</summary>
    public IReadOnlyList<CareFlow> Flow { get; private set; } = [];

    public LineChartView FlowChart => ServiceCharts.FlowChart(Flow, Date);

    /// <summary>The care population at each 31 March to the date against England and the neighbours, with growth (Placements' figures).</summary>
    public IReadOnlyList<ComparisonYear> Comparison { get; private set; } = [];

    public LineChartView ComparisonChart => ServiceCharts.ComparisonChart(Comparison);

    public LineChartView RateChart => new(
        $"Children looked after per 10,000 under-18s, {Format.Date(Points[0].AsAt)} to {Format.Date(Points[^1].AsAt)}",
        Points.Select(p => LineChartView.MonthLabel(p.AsAt)).ToList(),
        [
            new LineSeries("This council", "council", Points.Select(p => p.RatePer10000).ToList()),
            new LineSeries("England", "england", Points.Select(p => p.EnglandRatePer10000).ToList()),
            new LineSeries("Statistical neighbours", "neighbours", Points.Select(p => p.StatisticalNeighbourRatePer10000).ToList()),
        ],
        "per 10,000", "Children looked after per 10,000 under-18s");
}
