using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Platform.Ingest.Domain;

namespace Platform.Ingest.Infrastructure;

/// <summary>
/// Finds the API key of a request: <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. Null when the
/// request has none, it is malformed, unknown, revoked or its secret does not match: all answer the same 401.
/// </summary>
public sealed class ApiKeyAuthenticator(IngestDbContext db)
{
    public async Task<ApiKey?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = Presented(request.Headers.Authorization, request.Headers["X-Api-Key"]);
        if (!ApiKey.TryParse(presented, out var id, out var secret)) return null;
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return key is { IsRevoked: false } && key.HasSecret(secret) ? key : null;
    }

    private static string? Presented(StringValues authorization, StringValues apiKeyHeader)
    {
        var value = authorization.ToString();
        if (value.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase)) return value["ApiKey ".Length..];
        return apiKeyHeader.Count == 1 ? apiKeyHeader.ToString() : null;
    }
}
