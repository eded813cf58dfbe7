using System.Text.RegularExpressions;

namespace Platform.K8sTests;

/// <summary>
/// Keeps <see cref="ConfigurationContract"/> honest: every connection string a service opens in its source, and
/// every variable <c>./platform up</c> passes to the apps, is in the contract the manifests are checked against.
/// </summary>
public sealed partial class ConfigurationContractTests
{
    [Fact]
    public void The_contract_lists_every_connection_string_the_services_open_at_start_up()
    {
        var problems = new List<string>();
        foreach (var service in ConfigurationContract.Services)
        {
            var folder = Path.Combine(RenderedManifests.RepositoryRoot, "services", char.ToUpperInvariant(service[0]) + service[1..]);
            var source = File.ReadAllText(Path.Combine(folder, "ApplicationServices.cs"));
            var opened = new List<string>();
            opened.AddRange(ServiceDatabase().Matches(source).Select(m => m.Groups[1].Value));
            if (source.Contains(".AddRedis()", StringComparison.Ordinal)) opened.Add("cache");
            opened.AddRange(NamedRedis().Matches(source).Select(m => m.Groups[1].Value));
            if (source.Contains(".AddMessaging(", StringComparison.Ordinal)) opened.Add("messaging");
            Assert.NotEmpty(opened);
            foreach (var name in opened.Where(n => !ConfigurationContract.ConnectionStrings(service).Contains(n)))
                problems.Add($"{service} opens ConnectionStrings__{name}, which the contract does not list.");
        }
        var gateway = File.ReadAllText(Path.Combine(RenderedManifests.RepositoryRoot, "gateway", "GatewayRoutes.cs"));
        Assert.Contains("services:{service}:http:0", gateway, StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public void The_contract_lists_every_variable_platform_up_passes_to_the_apps()
    {
        var script = File.ReadAllText(Path.Combine(RenderedManifests.RepositoryRoot, "platform"));
        var start = script.IndexOf("app_env() {", StringComparison.Ordinal);
        Assert.True(start >= 0, "app_env not found in ./platform");
        var body = script[start..script.IndexOf("\n}\n", start, StringComparison.Ordinal)];
        var problems = new List<string>();
        foreach (var token in PlatformVariable().Matches(body).Select(m => m.Value).Distinct())
        {
            foreach (var process in ConfigurationContract.Processes)
            {
                var isGatewayOnly = token.StartsWith("services__", StringComparison.Ordinal);
                var isServiceOnly = token.StartsWith("ConnectionStrings__", StringComparison.Ordinal);
                if ((isGatewayOnly && process != ConfigurationContract.Gateway) || (isServiceOnly && process == ConfigurationContract.Gateway)) continue;
                var names = token.Contains("${s}", StringComparison.Ordinal)
                    ? ConfigurationContract.Services.Select(s => token.Replace("${s}", s, StringComparison.Ordinal))
                    : [token.Replace("${name}", process, StringComparison.Ordinal)];
                foreach (var name in names.Where(n => !ConfigurationContract.RequiredVariables(process).Contains(n)))
                    problems.Add($"./platform gives {process} {name}; the contract does not list it.");
            }
        }
        Assert.Empty(problems);
    }

    [GeneratedRegex(@"AddServiceDatabase<\w+>\(""(\w+)""\)")]
    private static partial Regex ServiceDatabase();

    [GeneratedRegex(@"AddRedis\(""(\w+)""\)")]
    private static partial Regex NamedRedis();

    [GeneratedRegex(@"(ConnectionStrings__|services__|OTEL_|ASPNETCORE_)[A-Za-z0-9_${}]+")]
    private static partial Regex PlatformVariable();
}
