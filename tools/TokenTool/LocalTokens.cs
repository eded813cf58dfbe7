using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Tools.TokenTool;

/// <summary>
/// Signs HS256 tokens with the local key (<c>Auth__SigningKey</c>), as the gateway and the services validate them
/// when no identity provider is configured. Used by <c>./platform token</c> and by the tests.
/// </summary>
internal static class LocalTokens
{
    public const string DefaultIssuer = "platform-local";
    public const string DefaultAudience = "children-services-platform";

    public static string Create(string signingKey, string subject, IEnumerable<string> roles, TimeSpan lifetime,
        string issuer = DefaultIssuer, string audience = DefaultAudience, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["roles"] = roles.ToArray(),
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token that expired an hour ago (for tests of the refusal).</summary>
    public static string CreateExpired(string signingKey, string subject, IEnumerable<string> roles) =>
        Create(signingKey, subject, roles, TimeSpan.FromMinutes(10), now: DateTime.UtcNow.AddHours(-1));

}
