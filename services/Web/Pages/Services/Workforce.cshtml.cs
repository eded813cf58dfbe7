using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;

namespace Platform.Web.Pages.Services;

/// <summary>Workforce on a date: the caseload distribution (a histogram, workers over their role's thresholds marked), each team's caseloads, supervision compliance, and vacancy and agency rates over time.</summary>
public sealed class WorkforceModel(GatewayClient gateway) : PageModel
{
    public const int BucketSize = 5;

    /// <summary>The date chosen (null: today), from the date input or a link's <c>asAt</c>.</summary>
    public DateOnly? AsAt => DateChoice.Value;

    public DateInput DateChoice { get; private set; } = DateInput.Empty("asAt", "Date");

    public DateOnly Date => AsAt ?? BoardLoader.Today();

    public IReadOnlyList<TeamCaseload> Teams { get; private set; } = [];

    /// <summary>Team names by code (from <c>/api/workforce/teams</c>): the page names teams, it does not show their codes.</summary>
    public IReadOnlyDictionary<string, string> TeamNames { get; private set; } = new Dictionary<string, string>();

    public string TeamName(string code) => Format.Team(code, TeamNames);

    public SupervisionCompliance? Supervision { get; private set; }

    public ApiProblem? Problem { get; private set; }

    /// <summary>Vacancy and agency rates at each month end (the Inspections indicators, from Workforce's events).</summary>
    public IndicatorTrendView? Rates { get; private set; }

    /// <summary>Each restructure programme's created posts, month by month to the page's date (the Workforce API's figures).</summary>
    public IReadOnlyList<Recruitment> Recruitment { get; private set; } = [];

    public BarChartView Chart => new($"Case holders by caseload, {Format.Date(Date)}", Histogram, "Case holders", "of whom over their role's warning threshold (red)", "workers");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DateChoice = DateInput.Read(Request.Query, "asAt", "Date");
        if (DateChoice.Problem is { } dateProblem)
        {
            Problem = dateProblem;
            return;
        }
        var (teams, teamsProblem) = await WorkforceTeams.LoadAsync(gateway, cancellationToken);
        if (teamsProblem is not null) { Problem = teamsProblem; return; }
        TeamNames = WorkforceTeams.Names(teams);
        var caseloads = await Task.WhenAll(teams.Select(t =>
            gateway.GetAsync<TeamCaseload>($"/api/workforce/teams/{Uri.EscapeDataString(t.Code)}/caseloads?asAt={Format.Iso(Date)}", cancellationToken)));
        Teams = caseloads.Where(c => c.IsSuccess && c.Value!.Workers > 0).Select(c => c.Value!)
            .OrderBy(c => TeamName(c.TeamCode), StringComparer.CurrentCulture).ThenBy(c => c.TeamCode, StringComparer.Ordinal).ToList();
        Problem = caseloads.FirstOrDefault(c => !c.IsSuccess)?.Problem;
        var supervision = await gateway.GetAsync<SupervisionCompliance>($"/api/workforce/supervision/compliance?asAt={Format.Iso(Date)}", cancellationToken);
        Supervision = supervision.Value;
        Problem ??= supervision.Problem;
        Recruitment = await ServiceCharts.RecruitmentAsync(gateway, Date, cancellationToken);
        Rates = await IndicatorTrends.LoadAsync(gateway, $"Vacancy and agency rates to {Format.Date(Date)}", "workforce-rates", Date,
            [("vacancy-rate", "Vacancy rate", "council"), ("agency-rate", "Agency rate", "neighbours")], cancellationToken);
    }

    /// <summary>Workers per caseload band (0–4, 5–9, ...): the first value all workers, the second those over their role's warning threshold.</summary>
    public IReadOnlyList<BarRow> Histogram
    {
        get
        {
            // Case holders only, as the caseload measures count them (docs/measures.md): a worker with no cases has no caseload.
            var staff = Teams.SelectMany(t => t.Staff).Where(s => s.Caseload > 0).ToList();
            if (staff.Count == 0) return [];
            var top = staff.Max(s => s.Caseload) / BucketSize;
            return Enumerable.Range(0, top + 1).Select(b =>
            {
                var inBand = staff.Where(s => s.Caseload / BucketSize == b).ToList();
                var over = inBand.Count(s => s.Level != "normal");
                return new BarRow($"{Math.Max(1, b * BucketSize)}–{b * BucketSize + BucketSize - 1} cases", inBand.Count, over, over > 0);
            }).ToList();
        }
    }
}
