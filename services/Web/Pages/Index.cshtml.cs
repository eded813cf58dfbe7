using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;
using Platform.Web.Security;

namespace Platform.Web.Pages;

/// <summary>The improvement board for a chosen date (default today), updated live when an indicator changes.</summary>
public sealed class IndexModel(GatewayClient gateway) : PageModel
{
    /// <summary>The date chosen (null: today), from the date input or a link's <c>asAt</c>.</summary>
    public DateOnly? AsAt => DateChoice.Value;

    public DateInput DateChoice { get; private set; } = DateInput.Empty("asAt", "Board date");

    public DateOnly Date => AsAt ?? BoardLoader.Today();

    public BoardView? View { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DateChoice = DateInput.Read(Request.Query, "asAt", "Board date");
        if (DateChoice.Problem is { } dateProblem)
        {
            Problem = dateProblem;
            return;
        }
        (View, Problem) = await BoardLoader.LoadAsync(gateway, Date, User.CanWriteInspections(), print: false, cancellationToken);
    }

    /// <summary>One indicator tile as at the board's date: what the live update swaps in.</summary>
    public async Task<IActionResult> OnGetTileAsync(string code, CancellationToken cancellationToken)
    {
        DateChoice = DateInput.Read(Request.Query, "asAt", "Board date");
        if (DateChoice.Error is not null) return BadRequest();
        var detail = await gateway.GetAsync<IndicatorDetail>($"/api/inspections/indicators/{Uri.EscapeDataString(code)}?asAt={Format.Iso(Date)}", cancellationToken);
        if (!detail.IsSuccess) return StatusCode(detail.Problem!.Status >= 400 ? detail.Problem.Status : 502);
        var indicator = detail.Value!.Indicator;
        var teamName = indicator.TeamCode is { } team ? Format.Team(team, await WorkforceTeams.NamesAsync(gateway, cancellationToken)) : null;
        return Partial("_IndicatorTile", new IndicatorTile(indicator, detail.Value.Series, TeamName: teamName));
    }
}
