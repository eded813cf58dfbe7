using System.Text.RegularExpressions;
using Platform.ServiceDefaults.Model;

namespace Platform.K8sTests;

/// <summary>
/// Keeps <see cref="ConfigurationContract"/> honest: the connection strings the model gives each service are the ones
/// it opens in its source, and every variable <c>./platform up</c> passes to the apps is in the contract the manifests
/// are checked against.
/// </summary>
public sealed partial class ConfigurationContractTests
{
    [Fact]
    public void The_model_gives_each_service_the_connection_strings_it_opens_at_start_up_and_no_other()
    {
        var problems = new List<string>();
        foreach (var service in ConfigurationContract.Services)
        {
            var folder = Path.GetDirectoryName(Path.Combine(RenderedManifests.RepositoryRoot, PlatformModel.Get(service).Project))!;
            var source = File.ReadAllText(Path.Combine(folder, "ApplicationServices.cs"));
            var opened = new List<string>();
            opened.AddRange(ServiceDatabase().Matches(source).Select(m => m.Groups[1].Value));
            if (source.Contains(".AddRedis()", StringComparison.Ordinal)) opened.Add("cache");
            opened.AddRange(NamedRedis().Matches(source).Select(m => m.Groups[1].Value));
            if (source.Contains(".AddMessaging(", StringComparison.Ordinal)) opened.Add("messaging");
            Assert.NotEmpty(opened);
            var given = ConfigurationContract.ConnectionStrings(service);
            foreach (var name in opened.Except(given))
                problems.Add($"{service} opens ConnectionStrings__{name}, which AppHost/platform.json does not give it.");
            foreach (var name in given.Except(opened))
                problems.Add($"AppHost/platform.json gives {service} ConnectionStrings__{name}, which it does not open.");
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
        var tokens = PlatformVariable().Matches(body).Select(m => m.Value).Distinct().ToList();
        Assert.Contains("ConnectionStrings__${database}", tokens);
        Assert.Contains("services__${s}__http__0", tokens);
        foreach (var token in tokens)
        {
            foreach (var process in ConfigurationContract.Processes)
            {
                var app = PlatformModel.Get(process);
                // Given by app_env only where the model says so: the variable of each referenced app, the app's own
                // database, the broker and Redis; the others are given to every app.
                IEnumerable<string> names = token switch
                {
                    _ when token.StartsWith("services__", StringComparison.Ordinal) || token == "Gateway__BaseAddress" =>
                        app.References.Select(PlatformModel.Get).Select(PlatformModel.AddressVariable)
                            .Where(v => token == "Gateway__BaseAddress" ? v == token : v.StartsWith("services__", StringComparison.Ordinal)),
                    "ConnectionStrings__${database}" => app.Database is { } database ? [$"ConnectionStrings__{database}"] : [],
                    "ConnectionStrings__messaging" => app.Messaging ? [token] : [],
                    "ConnectionStrings__cache" => app.Cache ? [token] : [],
                    _ => [token.Replace("${name}", process, StringComparison.Ordinal)],
                };
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

    [GeneratedRegex(@"(ConnectionStrings__|services__|Gateway__|OTEL_|ASPNETCORE_)[A-Za-z0-9_${}]+")]
    private static partial Regex PlatformVariable();
}
