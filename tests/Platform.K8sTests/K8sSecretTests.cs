using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Platform.K8sTests;

/// <summary>Secrets are referenced by name only: no value is in the repository or in what it renders.</summary>
public sealed partial class K8sSecretTests
{
    private static IEnumerable<string> ManifestFiles() =>
        Directory.EnumerateFiles(Path.Combine(RenderedManifests.RepositoryRoot, "k8s"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal));

    [Fact]
    public void No_file_under_k8s_declares_a_Secret_with_data_or_a_secret_generator()
    {
        var problems = new List<string>();
        foreach (var file in ManifestFiles())
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            foreach (var document in stream.Documents)
            {
                if (document.RootNode is not YamlMappingNode node) continue;
                var name = Path.GetRelativePath(RenderedManifests.RepositoryRoot, file);
                if (RenderedManifests.Scalar(node, "kind") == "Secret" && (node.Children.ContainsKey(new YamlScalarNode("data")) || node.Children.ContainsKey(new YamlScalarNode("stringData"))))
                    problems.Add($"{name}: a Secret with data.");
                if (node.Children.ContainsKey(new YamlScalarNode("secretGenerator"))) problems.Add($"{name}: a secretGenerator.");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(K8sManifestTests.Overlays), MemberType = typeof(K8sManifestTests))]
    public void No_rendered_Secret_carries_data_and_no_ConfigMap_or_env_value_holds_a_password(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var secret in m.Documents.Where(d => d.Kind == "Secret"))
        {
            if (secret.Node.Children.ContainsKey(new YamlScalarNode("data")) || secret.Node.Children.ContainsKey(new YamlScalarNode("stringData")))
                problems.Add($"Secret {secret.Name} carries data.");
        }
        var values = m.ConfigMaps.SelectMany(c => (c.Data ?? new Dictionary<string, string>()).Select(kv => ($"ConfigMap {c.Metadata.Name}", kv.Key, kv.Value)))
            .Concat(m.Workloads.SelectMany(w => w.Template.Spec.Containers.SelectMany(c => (c.Env ?? []).Where(e => e.Value is not null)
                .Select(e => ($"{w.Name}/{c.Name}", e.Name, e.Value)))));
        foreach (var (where, key, value) in values)
        {
            if (PasswordInValue().IsMatch(value)) problems.Add($"{where}: {key} holds a password.");
            if (SecretLikeKey().IsMatch(key) && !value.StartsWith('$') && !value.Contains('/', StringComparison.Ordinal))
                problems.Add($"{where}: {key} looks like a secret written in the manifests.");
        }
        Assert.Empty(problems);
    }

    [GeneratedRegex(@"password\s*=\s*[^;,\s$]|://[^/@:\s]+:[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInValue();

    [GeneratedRegex(@"(PASSWORD|APIKEY|API_KEY|TOKEN|PEPPER|SIGNINGKEY)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeKey();
}
