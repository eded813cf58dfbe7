using Microsoft.AspNetCore.Mvc;
using Platform.Gateway;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformSecurity();
builder.AddValidatedTokenCache();
builder.AddGateway();

var app = builder.Build();
app.UseExceptionHandler();
app.UseRouting();
app.UseRequestSizeGuard();
app.UseWebAppHeaders(!string.IsNullOrWhiteSpace(app.Configuration["services:web:http:0"]));
app.UseFailedAccessThrottle();
app.UsePlatformSecurity();
app.MapDefaultEndpoints();
app.MapServicesHealth();
app.MapReverseProxy(proxy => proxy.UseForwarderErrorProblems().UseSessionAffinity().UseLoadBalancing().UsePassiveHealthChecks()).ConfigureEndpoints((endpoint, route) =>
{
    // Lets the size guard answer 413 from the route's own limit (larger for file imports).
    if (route.MaxRequestBodySize is { } limit) endpoint.WithMetadata(new RequestSizeLimitAttribute(limit));
});
app.Run();
