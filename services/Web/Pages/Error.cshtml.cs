using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Platform.Web.Pages;

/// <summary>Errors as sentences: never a stack trace or raw JSON.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, there is a problem with the service";

    public string Detail { get; private set; } = "Try again later.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        (Title, Detail) = status switch
        {
            403 => ("You cannot see this page", "Your role does not allow it. Sign in with another role if you need it."),
            404 => ("Page not found", "If you typed the web address, check it is correct."),
            _ => (Title, Detail),
        };
        if (status is >= 400 and < 600) Response.StatusCode = status.Value;
    }
}
