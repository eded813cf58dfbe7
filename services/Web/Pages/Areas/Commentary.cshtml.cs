using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;

namespace Platform.Web.Pages.Areas;

/// <summary>
/// The improvement lead's one-line commentary on an area, for the board of a date (improvement-lead or platform-admin;
/// the gateway checks it again). Who wrote it and when come from the lead's token, in the Inspections service.
/// </summary>
[Authorize(Policy = "write:improvement-lead")]
public sealed class CommentaryModel(GatewayClient gateway) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsAt { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public IReadOnlyList<AreaCommentary> Lines { get; private set; } = [];

    public ApiProblem? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var on = AsAt ?? BoardLoader.Today();
        var result = await gateway.PostAsync<AreaCommentary>($"/api/inspections/areas/{Uri.EscapeDataString(Code)}/commentary",
            new { text = Text?.Trim(), on }, cancellationToken);
        if (result.IsSuccess) return Redirect(Links.Board(on));
        Problem = result.Problem;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var lines = await gateway.GetAsync<List<AreaCommentary>>($"/api/inspections/areas/{Uri.EscapeDataString(Code)}/commentary", cancellationToken);
        if (lines.IsSuccess) Lines = lines.Value!;
        else Problem ??= lines.Problem;
    }

    public string? ErrorFor(string field) => Problem?.Errors.TryGetValue(field, out var messages) == true ? string.Join(" ", messages) : null;
}
