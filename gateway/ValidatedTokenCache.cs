using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway;

/// <summary>
/// Remembers the bearer tokens the gateway has validated, so that a client sending the same token on every request
/// (the web app, an integration) costs one signature check and claims parse per token, not one per request. Only
/// successful validations are kept, keyed by the whole token, never past the token's expiry nor longer than
/// <c>Security:TokenCache:Seconds</c> (default 60; 0 turns the cache off), and at most <c>Security:TokenCache:Size</c>
/// tokens (default 10,000). The short lifetime bounds how long a token signed with a key since rotated out of the
/// authority's metadata is still accepted. The role policy is still evaluated on every request from the cached claims,
/// and every service validates the token again itself.
/// </summary>
internal static class ValidatedTokenCache
{
    public static IHostApplicationBuilder AddValidatedTokenCache(this IHostApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue("Security:TokenCache:Seconds", 60);
        var size = builder.Configuration.GetValue("Security:TokenCache:Size", 10_000);
        if (seconds <= 0 || size <= 0) return builder;
        var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = size });
        builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>>(new CachingPostConfigure(cache, TimeSpan.FromSeconds(seconds)));
        return builder;
    }

    private sealed class CachingPostConfigure(MemoryCache cache, TimeSpan lifetime) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme) return;
            var handlers = options.TokenHandlers.ToList();
            options.TokenHandlers.Clear();
            foreach (var handler in handlers) options.TokenHandlers.Add(new CachingTokenHandler(handler, cache, lifetime));
        }
    }

    private sealed class CachingTokenHandler(TokenHandler inner, MemoryCache cache, TimeSpan lifetime) : TokenHandler
    {
        public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

        public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            if (cache.TryGetValue(token, out Entry? hit) && hit is not null && DateTime.UtcNow < hit.Expires)
            {
                // A fresh identity per request: the cached one is never handed out to be changed.
                return new TokenValidationResult
                {
                    IsValid = true,
                    ClaimsIdentity = hit.Identity.Clone(),
                    SecurityToken = hit.Result.SecurityToken,
                    Issuer = hit.Result.Issuer,
                    TokenType = hit.Result.TokenType,
                };
            }
            var result = await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
            if (result.IsValid && result.ClaimsIdentity is { } identity && result.SecurityToken is JsonWebToken jwt && jwt.ValidTo > DateTime.MinValue)
            {
                var expires = DateTime.UtcNow + lifetime;
                if (jwt.ValidTo < expires) expires = jwt.ValidTo;
                if (expires > DateTime.UtcNow)
                {
                    cache.Set(token, new Entry(result, identity.Clone(), expires),
                        new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });
                }
            }
            return result;
        }
    }

    private sealed record Entry(TokenValidationResult Result, ClaimsIdentity Identity, DateTime Expires);
}
