using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.ServiceDefaults.Security;
using Platform.Web.Security;

namespace Platform.Web.Pages;

/// <summary>
/// Sign-in. With an identity provider (<c>Auth:Authority</c>) it sends the user there; with the local key only, the user
/// chooses a role and a name and gets the token <c>./platform token</c> would print (for machines without a provider).
/// </summary>
public sealed partial class SignInModel(AuthSettings settings) : PageModel
{
    public static readonly IReadOnlyList<(string Role, string Label, string Hint)> Roles =
    [
        (PlatformRoles.ImprovementLead, "Improvement lead", "Reads everything; updates the improvement plan"),
        (PlatformRoles.ReadOnlyOperator, "Read-only operator", "Reads everything; changes nothing"),
        (PlatformRoles.PlatformAdmin, "Platform admin", "Everything, including Operations"),
        (PlatformRoles.WorkforceManager, "Workforce manager", "Reads everything; changes Workforce"),
        (PlatformRoles.FinanceOfficer, "Finance officer", "Reads everything; changes Finance"),
        (PlatformRoles.PlacementsOfficer, "Placements officer", "Reads everything; changes Placements"),
    ];

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public IActionResult OnGet()
    {
        if (!string.IsNullOrWhiteSpace(settings.Authority))
        {
            return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() });
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(settings.Authority)) return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() });
        if (Role is null || !PlatformRoles.All.Contains(Role)) Errors["role"] = "Choose a role";
        Name = Name?.Trim();
        if (string.IsNullOrEmpty(Name)) Errors["name"] = "Enter your user name";
        else if (!UserName().IsMatch(Name)) Errors["name"] = "User name must be 2 to 64 letters, digits, dots, hyphens or underscores";
        if (Errors.Count > 0) return Page();

        await WebAuthentication.SignInLocallyAsync(HttpContext, settings, Role!, Name!);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    [GeneratedRegex("^[A-Za-z0-9._-]{2,64}$")]
    private static partial Regex UserName();
}
