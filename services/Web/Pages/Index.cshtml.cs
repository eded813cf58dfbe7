using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;
using Platform.Web.Security;

namespace Platform.Web.Pages;

/// <summary>The improvement board for a chosen date (default today), updated live when an indicator changes.</summary>
public sealed class IndexModel(GatewayClient gateway) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsAt { get; set; }

    public DateOnly Date => AsAt ?? BoardLoader.Today();

    public BoardView? View { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Problem = new ApiProblem(400, "Enter a real date", "The date must be like 2019-11-01.") { Errors = new Dictionary<string, string[]> { ["asAt"] = ["Enter a real date, like 2019-11-01"] } };
            AsAt = null;
            return;
        }
        (View, Problem) = await BoardLoader.LoadAsync(gateway, Date, User.CanWriteInspections(), print: false, cancellationToken);
    }

    /// <summary>One indicator tile as at the board's date: what the live update swaps in.</summary>
    public async Task<IActionResult> OnGetTileAsync(string code, CancellationToken cancellationToken)
    {
        var detail = await gateway.GetAsync<IndicatorDetail>($"/api/inspections/indicators/{Uri.EscapeDataString(code)}?asAt={Format.Iso(Date)}", cancellationToken);
        if (!detail.IsSuccess) return StatusCode(detail.Problem!.Status >= 400 ? detail.Problem.Status : 502);
        var indicator = detail.Value!.Indicator;
        var teamName = indicator.TeamCode is { } team ? Format.Team(team, await WorkforceTeams.NamesAsync(gateway, cancellationToken)) : null;
        return Partial("_IndicatorTile", new IndicatorTile(indicator, detail.Value.Series, TeamName: teamName));
    }
}
