using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// Refused access, logged at Warning so that probing shows: the route template (never the path, which can carry a
/// child's identifier), the subject when the token was valid, and the reason. Never the token itself.
/// </summary>
internal static partial class AccessLog
{
    private const string Category = "Platform.Security.Access";

    public static void Refused(HttpContext context, string reason) =>
        LogRefused(Logger(context), context.Request.Method, Route(context), reason);

    public static void Forbidden(HttpContext context) =>
        LogForbidden(Logger(context), TokenSubject.Of(context.User) ?? "(none)", context.Request.Method, Route(context));

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

    private static string Route(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint ? endpoint.RoutePattern.RawText ?? "(unnamed route)" : "(no route)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication refused: {Method} {Route}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string route, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access forbidden to {Subject}: {Method} {Route} (the token's roles do not allow it)")]
    private static partial void LogForbidden(ILogger logger, string subject, string method, string route);
}
