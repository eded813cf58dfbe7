using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.ServiceDefaults.Security;

namespace Platform.Web.Security;

/// <summary>The web app's policies, on the platform's roles (docs/security.md).</summary>
public static class WebPolicies
{
    /// <summary>Operations (queues, parked messages, re-drive): platform-admin only.</summary>
    public const string Admin = PlatformRoles.AdminPolicy;

    /// <summary>Any of the six roles: every page that reads.</summary>
    public const string Read = PlatformRoles.ReadPolicy;

    /// <summary>Changes to the improvement plan: platform-admin or improvement-lead (the gateway checks it again).</summary>
    public static readonly string WriteInspections = PlatformRoles.WritePolicy(PlatformRoles.ImprovementLead);
}

/// <summary>
/// Cookie sign-in holding the user's access token, which every gateway call sends. With <c>Auth:Authority</c> the
/// user signs in at the council's OpenID Connect provider; otherwise, with the local key <c>Auth:SigningKey</c>,
/// <c>/signin</c> lets the user choose a role and a name and issues the same token <c>./platform token</c> does.
/// </summary>
public static class WebAuthentication
{
    public const string AccessToken = "access_token";
    public const string RoleClaim = "roles";
    public const string NameClaim = "name";

    public static void AddWebAuthentication(this WebApplicationBuilder builder)
    {
        var settings = AuthSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        var useProvider = !string.IsNullOrWhiteSpace(settings.Authority);
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            if (useProvider) options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(options =>
        {
            options.Cookie.Name = "platform-web";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/signin";
            options.AccessDeniedPath = "/Error";
            options.ReturnUrlParameter = "returnUrl";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
            options.Events.OnValidatePrincipal = RejectExpiredTokenAsync;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        if (useProvider)
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = settings.Authority;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                options.ClientId = builder.Configuration["Auth:ClientId"]
                    ?? throw new InvalidOperationException("Auth:ClientId is missing: the web app's client id at the identity provider.");
                options.ClientSecret = builder.Configuration["Auth:ClientSecret"];
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.Scope.Clear();
                foreach (var scope in (builder.Configuration["Auth:Scope"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Scope.Add(scope);
                }
                options.TokenValidationParameters.NameClaimType = NameClaim;
                options.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(PlatformRoles.All).Build())
            .AddPolicy(WebPolicies.Read, policy => policy.RequireRole(PlatformRoles.All))
            .AddPolicy(WebPolicies.Admin, policy => policy.RequireRole(PlatformRoles.PlatformAdmin))
            .AddPolicy(WebPolicies.WriteInspections, policy => policy.RequireRole(PlatformRoles.PlatformAdmin, PlatformRoles.ImprovementLead));
    }

    /// <summary>Signs in locally: a token for the role (the one <c>./platform token</c> would print) kept in the cookie.</summary>
    public static async Task SignInLocallyAsync(HttpContext context, AuthSettings settings, string role, string subject)
    {
        var lifetime = TimeSpan.FromHours(8);
        var token = Platform.Tools.TokenTool.LocalTokens.Create(settings.SigningKey!, subject, [role], lifetime,
            settings.Issuer ?? AuthSettings.DefaultIssuer, settings.Audience);
        var identity = new ClaimsIdentity(
            [new Claim(JwtRegisteredClaimNames.Sub, subject), new Claim(NameClaim, subject), new Claim(RoleClaim, role)],
            "local", NameClaim, RoleClaim);
        var properties = new AuthenticationProperties { IsPersistent = false, ExpiresUtc = DateTimeOffset.UtcNow + lifetime };
        properties.StoreTokens([new AuthenticationToken { Name = AccessToken, Value = token }]);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), properties);
    }

    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        }).RequireAuthorization(new AuthorizeAttribute());
        return app;
    }

    /// <summary>A cookie whose access token has expired signs the user out (the gateway would refuse the token anyway).</summary>
    private static Task RejectExpiredTokenAsync(CookieValidatePrincipalContext context)
    {
        var token = context.Properties.GetTokenValue(AccessToken);
        if (token is null || new JsonWebTokenHandler().ReadJsonWebToken(token).ValidTo < DateTime.UtcNow)
        {
            context.RejectPrincipal();
        }
        return Task.CompletedTask;
    }
}

/// <summary>What the signed-in user may do, for showing or hiding controls.</summary>
public static class UserRights
{
    public static bool CanWriteInspections(this ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.PlatformAdmin) || user.IsInRole(PlatformRoles.ImprovementLead);

    public static bool IsPlatformAdmin(this ClaimsPrincipal user) => user.IsInRole(PlatformRoles.PlatformAdmin);

    public static string DisplayRole(this ClaimsPrincipal user) =>
        string.Join(", ", user.FindAll(WebAuthentication.RoleClaim).Select(c => c.Value));
}
