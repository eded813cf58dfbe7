using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>The board for the meeting pack: no navigation or controls, every table of numbers open; print or save as PDF.</summary>
public sealed class PrintModel(GatewayClient gateway) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsAt { get; set; }

    public DateOnly Date => AsAt ?? BoardLoader.Today();

    public BoardView? View { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        (View, Problem) = await BoardLoader.LoadAsync(gateway, Date, canWrite: false, print: true, cancellationToken);
}
