using MassTransit;
using Platform.ServiceDefaults.Messaging;
using Platform.Web.Gateway;
using Platform.Web.Live;
using Platform.Web.Operations;
using Platform.Web.Security;

namespace Platform.Web;

internal static class ApplicationServices
{
    public static void AddWebApp(this WebApplicationBuilder builder)
    {
        // Static assets from the build output's manifest in every environment (ASP.NET Core does it in Development only),
        // so the app started from its build output in Production finds them; a published app has no manifest and serves wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.AddSharedKeyRing();
        builder.AddWebAuthentication();
        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Error");
            pages.Conventions.AuthorizePage("/Operations", WebPolicies.Admin);
        });
        builder.Services.AddHttpContextAccessor();

        var gateway = builder.Configuration["Gateway:BaseAddress"]
            ?? throw new InvalidOperationException("Gateway:BaseAddress is missing: set Gateway__BaseAddress to the gateway's address (the web app reads everything through it).");
        builder.Services.AddHttpClient<GatewayClient>(http => http.BaseAddress = new Uri(gateway));

        // Live board: Inspections' indicator events, on a queue of this instance only (every replica sees every event).
        builder.Services.AddSingleton<BoardEvents>();
        builder.AddMessaging("web", bus =>
        {
            bus.AddConsumer<IndicatorChangedConsumer>().Endpoint(endpoint =>
            {
                endpoint.Name = $"web-board-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";
                endpoint.Temporary = true;
            });
        });

        builder.Services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section);
        builder.Services.AddHttpClient<RabbitMqManagement>();
        builder.Services.AddSingleton<ParkedMessages>();
        builder.Services.AddScoped<OperationsStatus>();
        // The board pack PDF (headless Chromium) and the client it fetches the pack's HTML from this app with.
        builder.Services.AddSingleton<Print.PackPdf>();
        builder.Services.AddHttpClient(nameof(Print.PackPdf));
    }

    public static void UseWebApp(this WebApplication app)
    {
        app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseWebSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapRazorPages();
        app.MapBoardEvents();
        app.MapSignOut();
        // The gateway sends every path it has no API route for here: an unknown API is a 404 problem, not a sign-in page.
        app.MapFallback("/api/{**rest}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such API."))
            .AllowAnonymous();
    }
}
