using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Gateway;
using Platform.Web.Security;

namespace Platform.Web.Pages.Actions;

/// <summary>Records progress on an improvement action (improvement-lead or platform-admin; the gateway checks it again).</summary>
[Authorize(Policy = "write:improvement-lead")]
public sealed class ProgressModel(GatewayClient gateway) : PageModel
{
    public static readonly IReadOnlyList<string> Statuses = ["not-started", "in-progress", "blocked", "completed"];

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsAt { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    public PlanAction? Action { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Status ??= Action?.Status is "overdue" ? null : Action?.Status;
        Evidence ??= Action?.Evidence;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var on = AsAt ?? BoardLoader.Today();
        var result = await gateway.PostAsync<PlanAction>($"/api/inspections/actions/{Id}/progress",
            new { status = Status, on, evidence = string.IsNullOrWhiteSpace(Evidence) ? null : Evidence.Trim() }, cancellationToken);
        if (result.IsSuccess) return Redirect(Links.Board(on));
        Problem = result.Problem;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var action = await gateway.GetAsync<PlanAction>($"/api/inspections/actions/{Id}?asAt={Format.Iso(AsAt ?? BoardLoader.Today())}", cancellationToken);
        if (action.IsSuccess) Action = action.Value;
        else Problem ??= action.Problem;
    }

    public string? ErrorFor(string field) => Problem?.Errors.TryGetValue(field, out var messages) == true ? string.Join(" ", messages) : null;
}
