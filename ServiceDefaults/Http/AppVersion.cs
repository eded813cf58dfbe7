using System.Collections.Concurrent;
using System.Reflection;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// An app's release and the commit it was built from, as the build stamped them (<c>Version</c> in
/// Directory.Build.props; the SDK appends the git commit to the informational version as <c>+sha</c>). Read from the
/// app's own assembly (the host's application name), not the process's entry assembly, which is the test host in tests.
/// </summary>
public sealed record AppVersion(string Version, string? Commit)
{
    private static readonly ConcurrentDictionary<string, AppVersion> Known = new(StringComparer.Ordinal);

    public static AppVersion Of(string applicationName) => Known.GetOrAdd(applicationName, static name =>
    {
        Assembly? assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(name));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            assembly = null;
        }
        return Of(assembly);
    });

    public static AppVersion Of(Assembly? assembly)
    {
        var informational = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly?.GetName().Version?.ToString(3) ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new AppVersion(informational, null)
            : new AppVersion(informational[..plus], informational[(plus + 1)..] is { Length: > 0 } commit ? commit[..Math.Min(12, commit.Length)] : null);
    }
}
