using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// JWT bearer authentication, the role policies, CORS (closed unless origins are configured), security headers and
/// optional HTTPS redirection: the same in the gateway and in every service, so a request is checked at both
/// (the cluster network is no trust boundary).
/// </summary>
public static class SecurityExtensions
{
    private const string CorsPolicy = "configured-origins";

    public static IHostApplicationBuilder AddPlatformSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = AuthSettings.From(builder.Configuration);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                if (!string.IsNullOrWhiteSpace(settings.Authority)) options.Authority = settings.Authority;
                options.Audience = settings.Audience;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = settings.Issuer ?? (string.IsNullOrWhiteSpace(settings.Authority) ? AuthSettings.DefaultIssuer : null),
                    ValidateAudience = true,
                    ValidAudience = settings.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    ClockSkew = settings.ClockSkew,
                    NameClaimType = "sub",
                    RoleClaimType = settings.RoleClaim,
                    IssuerSigningKey = string.IsNullOrWhiteSpace(settings.SigningKey)
                        ? null
                        : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)),
                };
                options.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        AccessLog.Refused(context.HttpContext, context.AuthenticateFailure is null
                            ? (string.IsNullOrEmpty(context.Error) ? "no bearer token" : context.Error)
                            : context.AuthenticateFailure.GetType().Name);
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                            "Authentication is required.", "Send a valid, unexpired bearer token (Authorization: Bearer ...).");
                    },
                    OnForbidden = context =>
                    {
                        AccessLog.Forbidden(context.HttpContext);
                        return WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                            "This role may not do that.", "The token's roles do not allow this request; see the policy table in docs/security.md.");
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder()
            // Anything mapped without its own policy still needs a signed-in caller.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformRoles.ReadPolicy, policy => policy.RequireRole(PlatformRoles.All))
            .AddPolicy(PlatformRoles.AdminPolicy, policy => policy.RequireRole(PlatformRoles.PlatformAdmin))
            .AddPolicy(PlatformRoles.ChildDataPolicy, policy => policy.RequireRole(PlatformRoles.ChildDataReaders));
        foreach (var writer in PlatformRoles.ServiceWriters.Values)
        {
            builder.Services.AddAuthorizationBuilder()
                .AddPolicy(PlatformRoles.WritePolicy(writer), policy => policy.RequireRole(PlatformRoles.PlatformAdmin, writer));
        }

        var origins = builder.Configuration.GetSection("Security:Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors =>
        {
            if (origins.Length > 0)
            {
                cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(origins)
                    .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                    .WithHeaders("Authorization", "Content-Type"));
            }
        });
        return builder;
    }

    /// <summary>
    /// Security headers, HTTPS redirection when <c>Security:HttpsRedirection</c> is true, CORS for the configured origins
    /// only (none by default: browsers on other origins are refused), then authentication and authorisation.
    /// Call after <c>UseRouting</c>.
    /// </summary>
    public static WebApplication UsePlatformSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        if (app.Configuration.GetValue<bool>("Security:HttpsRedirection"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        if ((app.Configuration.GetSection("Security:Cors:AllowedOrigins").Get<string[]>() ?? []).Length > 0)
        {
            app.UseCors(CorsPolicy);
        }
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Gives every endpoint of the group an explicit policy from its HTTP method: reads (GET, HEAD) any platform role,
    /// writes platform-admin or <paramref name="writerRole"/>. An endpoint that declares its own policy keeps it.
    /// </summary>
    public static TBuilder RequireServicePolicies<TBuilder>(this TBuilder builder, string writerRole) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.Any(m => m is IAuthorizeData or IAllowAnonymous)) return;
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var read = methods.Count > 0 && methods.All(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m));
            endpoint.Metadata.Add(new AuthorizeAttribute(read ? PlatformRoles.ReadPolicy : PlatformRoles.WritePolicy(writerRole)));
        });
        return builder;
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        Http.ProblemResponse.WriteAsync(context, status, title, detail);
}
