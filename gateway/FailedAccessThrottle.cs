using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Gateway;

/// <summary>
/// Slows down a client that keeps failing authentication: each 401 the gateway answers spends one of the client's
/// permits (<c>Security:FailedAccess:PermitLimit</c>, default 30, per <c>Security:FailedAccess:WindowSeconds</c>,
/// default 60; clients told apart by their address), and a client with none left gets 429 problem+json with
/// <c>Retry-After</c> for every request without a valid token. A valid token is still served: signed-in traffic spends
/// nothing and is never refused, so a token-guessing script behind a council office's shared address does not lock
/// out the people working there.
/// </summary>
internal static class FailedAccessThrottle
{
    public static IApplicationBuilder UseFailedAccessThrottle(this WebApplication app)
    {
        var permits = app.Configuration.GetValue("Security:FailedAccess:PermitLimit", 30);
        var window = TimeSpan.FromSeconds(app.Configuration.GetValue("Security:FailedAccess:WindowSeconds", 60));
        var failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
        return app.Use(async (context, next) =>
        {
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 } && !await HasValidTokenAsync(context))
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ProblemResponse.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed sign-ins from this client.",
                    $"More than {permits} requests without a valid token in {window.TotalSeconds:0} s; try again after Retry-After seconds with a valid token.");
                return;
            }
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                using var spent = failures.AttemptAcquire(client);
            }
        });
    }

    // Only for a client out of permits: its bearer token checked now (the authentication middleware checks it again).
    private static async Task<bool> HasValidTokenAsync(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0 && (await context.AuthenticateAsync()).Succeeded;
}
