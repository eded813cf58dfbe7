using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// Keeps child identifiers (and any other route value) out of traces: a server span records the route template
/// (<c>/children/{childId}</c>) as its path, never the path itself; where no template is known (the gateway's catch-all
/// route, outgoing calls) every segment after a personal-data collection name is replaced. Query strings are already
/// redacted by the OpenTelemetry instrumentation. Request logging that would print paths is kept at Warning
/// (see <c>ConfigureOpenTelemetry</c>).
/// </summary>
public static class PersonalData
{
    public const string Redacted = "{redacted}";

    /// <summary>Path segments after which an identifier of a person follows.</summary>
    private static readonly HashSet<string> PersonalCollections = new(StringComparer.OrdinalIgnoreCase) { "children", "staff", "carers", "foster-carers" };

    /// <summary>The path with every segment after a personal-data collection (and all that follows it) replaced.</summary>
    public static string RedactPath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return path ?? "";
        // Most paths name no person: those are returned as they are, without splitting (this runs on every request).
        if (!NamesAPerson(path)) return path;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (!PersonalCollections.Contains(segments[i])) continue;
            for (var j = i + 1; j < segments.Length; j++) segments[j] = Redacted;
            break;
        }
        return string.Join('/', segments);
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonalCollectionsBySpan =
        PersonalCollections.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a segment other than the last is a personal-data collection (what <see cref="RedactPath"/> redacts after).</summary>
    private static bool NamesAPerson(string path)
    {
        var rest = path.AsSpan();
        while (rest.IndexOf('/') is var slash and >= 0)
        {
            if (PersonalCollectionsBySpan.Contains(rest[..slash])) return true;
            rest = rest[(slash + 1)..];
        }
        return false;
    }

    /// <summary>Sets a server span's <c>url.path</c> to its route template, or the redacted path.</summary>
    public static void RedactServerSpan(Activity activity, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(context);
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var isCatchAll = template?.Contains("{**", StringComparison.Ordinal) ?? true;
        activity.SetTag("url.path", isCatchAll ? RedactPath(context.Request.Path.Value) : "/" + template!.TrimStart('/'));
    }

    /// <summary>Sets a client span's <c>url.full</c> to the address with its path redacted.</summary>
    public static void RedactClientSpan(Activity activity, Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (uri is null || !uri.IsAbsoluteUri) return;
        activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + RedactPath(uri.AbsolutePath));
    }
}
