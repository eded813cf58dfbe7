using System.Security.Claims;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// Who is calling: the subject (<c>sub</c>) of the validated token, never a header or a field the caller sets. The one
/// place the audit trail, the data-access audit, the access log and the services' "made by" read it from.
/// </summary>
public static class TokenSubject
{
    /// <summary>The token's subject (trimmed), or null without a signed-in caller.</summary>
    public static string? Of(ClaimsPrincipal? user) =>
        user?.FindFirst("sub")?.Value?.Trim() is { Length: > 0 } subject ? subject : null;
}
