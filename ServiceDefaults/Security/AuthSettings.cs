using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// The <c>Auth</c> configuration section, the same in the gateway and every service (<c>Auth__Issuer</c>, ...):
/// either <c>Authority</c> (an OpenID Connect provider such as Entra ID or Keycloak, whose signing keys are read from its
/// metadata) or <c>SigningKey</c> (a local symmetric HS256 key, its UTF-8 bytes, at least 32 characters).
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";
    public const string DefaultIssuer = "platform-local";
    public const string DefaultAudience = "children-services-platform";

    public string? Authority { get; set; }

    public string? SigningKey { get; set; }

    public string? Issuer { get; set; }

    public string Audience { get; set; } = DefaultAudience;

    /// <summary>The claim that carries the roles: <c>roles</c> (Entra ID app roles, the local tokens) unless set.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Whether the provider's metadata must be fetched over HTTPS (true unless set to false).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerated clock difference between the issuer and this process.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public static AuthSettings From(IConfiguration configuration)
    {
        var settings = new AuthSettings();
        configuration.GetSection(Section).Bind(settings);
        if (string.IsNullOrWhiteSpace(settings.Authority) && string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            throw new InvalidOperationException(
                "Authentication is not configured: set Auth__Authority (an OpenID Connect provider) or Auth__SigningKey (a local key; ./platform up creates one).");
        }
        if (settings.SigningKey is { Length: < 32 })
        {
            throw new InvalidOperationException("Auth__SigningKey must be at least 32 characters.");
        }
        return settings;
    }
}
