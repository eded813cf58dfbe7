namespace Platform.Gateway;

/// <summary>
/// The content security policy for the web app's pages (everything the gateway forwards to it): the app's own scripts,
/// styles, fonts and images only, no inline script, no frames; the API answers keep <c>default-src 'none'</c>
/// (<c>ServiceDefaults/Security/SecurityHeaders</c>). The same policy as the app sends itself (services/Web).
/// </summary>
internal static class WebAppHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// Call before <c>UsePlatformSecurity</c>: response-starting callbacks run in reverse order of registration, so this one
    /// runs after the API headers are set and replaces the policy for the app's paths only.
    /// </summary>
    public static IApplicationBuilder UseWebAppHeaders(this IApplicationBuilder app, bool webAppRouted) => !webAppRouted ? app : app.Use((context, next) =>
    {
        if (GatewayRoutes.IsWebPath(context.Request.Path))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            });
        }
        return next(context);
    });
}
