using System.Runtime.CompilerServices;
using Platform.ServiceDefaults.Security;

namespace Platform.Bench.BareProxy;

/// <summary>
/// The gateway's stack-only ceiling (bench section 2): the bare proxy on what the platform mandates for every app in front
/// of personal data, and nothing of the gateway's own (no validated-token cache, failed-access throttle, size guard, web
/// headers or forwarder problems): <c>AddServiceDefaults</c> (OpenTelemetry traces and metrics with the span redaction,
/// health checks, problem details) and <c>AddPlatformSecurity</c> (JWT bearer validation on every request, the role
/// policies, the security headers), the route under the read policy. Kept out of <c>Program</c>'s own code (not inlined)
/// so that the bare proxy never loads these assemblies.
/// </summary>
internal static class StackOnly
{
    public const string ReadPolicy = PlatformRoles.ReadPolicy;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Add(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddPlatformSecurity();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Use(WebApplication app)
    {
        app.UseRouting();
        app.UsePlatformSecurity();
    }
}
