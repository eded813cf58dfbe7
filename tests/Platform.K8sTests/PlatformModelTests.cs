using System.Text.RegularExpressions;
using System.Xml.Linq;
using Platform.ServiceDefaults.Model;
using Platform.ServiceDefaults.Security;

namespace Platform.K8sTests;

/// <summary>
/// The platform's model (AppHost/platform.json, <see cref="PlatformModel"/>) against what it describes: the solution's
/// app projects, the AppHost's project references, the gateway's writer roles and the lists that cannot read it.
/// </summary>
public sealed partial class PlatformModelTests
{
    private static string Root => RenderedManifests.RepositoryRoot;

    [Fact]
    public void Every_app_project_of_the_solution_has_an_entry_in_the_model_and_every_entry_is_a_project_of_the_solution()
    {
        // The solution's projects outside tests, tools and bench; the apps among them are the web projects (a library,
        // such as services/Contracts, is no app).
        var solution = SolutionProject().Matches(File.ReadAllText(Path.Combine(Root, "Platform.sln")))
            .Select(m => m.Groups[1].Value.Replace('\\', '/'))
            .Where(p => !p.StartsWith("tests/", StringComparison.Ordinal) && !p.StartsWith("tools/", StringComparison.Ordinal)
                        && !p.StartsWith("bench/", StringComparison.Ordinal))
            .ToList();
        var apps = solution.Where(p => XDocument.Load(Path.Combine(Root, p)).Root?.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web").Order();

        Assert.Equal(apps, PlatformModel.Apps.Select(a => a.Project).Order());
        // Every project under services/ is an app of the model or a library.
        foreach (var project in Directory.EnumerateFiles(Path.Combine(Root, "services"), "*.csproj", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(Root, project).Replace('\\', '/');
            Assert.True(solution.Contains(path), $"{path} is not in Platform.sln.");
        }
    }

    [Fact]
    public void The_AppHost_builds_the_projects_of_the_model()
    {
        var references = XDocument.Load(Path.Combine(Root, "AppHost", "AppHost.csproj")).Descendants("ProjectReference")
            .Select(r => Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(Root, "AppHost", r.Attribute("Include")!.Value.Replace('\\', '/')))).Replace('\\', '/'))
            .Order();

        Assert.Equal(PlatformModel.Apps.Select(a => a.Project).Order(), references);
    }

    [Fact]
    public void The_model_has_one_gateway_that_references_every_other_app_and_services_with_databases_of_their_own()
    {
        Assert.Equal(PlatformModel.Apps.Where(a => a != PlatformModel.Gateway).Select(a => a.Name), PlatformModel.Gateway.References);
        Assert.Equal(PlatformModel.Gateway, PlatformModel.Apps[^1]);
        Assert.All(PlatformModel.Services, s => Assert.NotNull(s.Database));
        Assert.All(PlatformModel.Apps.Where(a => a.Kind != PlatformModel.AppKind.Service), a => Assert.Null(a.Database));
        Assert.Equal(PlatformModel.Apps.Count, PlatformModel.Apps.Select(a => a.Port).Distinct().Count());
    }

    [Fact]
    public void Every_service_routed_by_role_has_a_writer_role_and_no_other_app_has_one()
    {
        Assert.Equal(
            PlatformModel.RoutedByRole.Select(a => a.Name).Order(),
            PlatformRoles.ServiceWriters.Keys.Order());
    }

    [Fact]
    public void The_dev_overlays_database_script_creates_the_models_databases()
    {
        // k8s/overlays/dev/postgres-init.sh runs in the postgres image (no jq there): its list is checked here instead.
        var script = File.ReadAllText(Path.Combine(Root, "k8s", "overlays", "dev", "postgres-init.sh"));
        var list = InitScriptServices().Match(script);
        Assert.True(list.Success, "no 'for svc in ...; do' in postgres-init.sh");
        Assert.Contains("CREATE DATABASE ${svc}db OWNER $svc", script, StringComparison.Ordinal);

        Assert.Equal(PlatformModel.Services.Select(s => s.Name), list.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(PlatformModel.Services, s => Assert.Equal($"{s.Name}db", s.Database));
    }

    [Fact]
    public void The_built_in_model_is_the_file_in_the_AppHost_folder()
    {
        using var file = File.OpenRead(Path.Combine(Root, "AppHost", "platform.json"));
        Assert.Equal(PlatformModel.Apps, PlatformModel.Load(file), new AppComparer());
    }

    [Fact]
    public void A_model_that_contradicts_itself_is_refused()
    {
        const string json = """
            { "apps": [
              { "name": "a", "kind": "service", "project": "a.csproj", "port": 1, "database": null, "messaging": true, "cache": false, "api": null, "references": ["b"] },
              { "name": "g", "kind": "gateway", "project": "g.csproj", "port": 1, "database": null, "messaging": false, "cache": false, "api": null, "references": [] }
            ] }
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var refused = Assert.Throws<InvalidOperationException>(() => PlatformModel.Load(stream));

        Assert.Contains("port 1 is shared by a, g.", refused.Message, StringComparison.Ordinal);
        Assert.Contains("a: a service has a database of its own.", refused.Message, StringComparison.Ordinal);
        Assert.Contains("a: references 'b', which is not another app.", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Apps are records with a list inside: equal when their values and their references are.</summary>
    private sealed class AppComparer : IEqualityComparer<PlatformModel.App>
    {
        public bool Equals(PlatformModel.App? x, PlatformModel.App? y) =>
            x is not null && y is not null && x with { References = [] } == y with { References = [] } && x.References.SequenceEqual(y.References);

        public int GetHashCode(PlatformModel.App obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""([^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();

    [GeneratedRegex(@"for svc in ([a-z ]+); do")]
    private static partial Regex InitScriptServices();
}
