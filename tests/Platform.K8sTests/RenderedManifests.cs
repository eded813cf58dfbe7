using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Platform.K8sTests;

/// <summary>One YAML document of a rendered overlay: its kind and name, its text, and its parsed tree.</summary>
public sealed record ManifestDocument(string Kind, string Name, string Yaml, YamlMappingNode Node)
{
    public T As<T>() => KubernetesYaml.Deserialize<T>(Yaml);
}

/// <summary>A pod template and the workload that owns it (Deployment or StatefulSet).</summary>
public sealed record Workload(string Kind, string Name, int? Replicas, V1LabelSelector Selector, V1PodTemplateSpec Template);

/// <summary>
/// The output of <c>kubectl kustomize k8s/overlays/&lt;overlay&gt;</c>, rendered once per test run and parsed with
/// the KubernetesClient models (custom resources such as Dapr's stay YAML trees).
/// </summary>
public sealed class RenderedManifests
{
    public static readonly string[] Overlays = ["dev", "production"];

    private static readonly ConcurrentDictionary<string, Lazy<RenderedManifests>> Cache = new();

    private RenderedManifests(string overlay, IReadOnlyList<ManifestDocument> documents)
    {
        Overlay = overlay;
        Documents = documents;
        Deployments = OfKind<V1Deployment>("Deployment");
        StatefulSets = OfKind<V1StatefulSet>("StatefulSet");
        Services = OfKind<V1Service>("Service");
        ConfigMaps = OfKind<V1ConfigMap>("ConfigMap");
        NetworkPolicies = OfKind<V1NetworkPolicy>("NetworkPolicy");
        Autoscalers = OfKind<V2HorizontalPodAutoscaler>("HorizontalPodAutoscaler");
        DisruptionBudgets = OfKind<V1PodDisruptionBudget>("PodDisruptionBudget");
        Ingresses = OfKind<V1Ingress>("Ingress");
        Roles = OfKind<V1Role>("Role");
        RoleBindings = OfKind<V1RoleBinding>("RoleBinding");
        ServiceAccounts = OfKind<V1ServiceAccount>("ServiceAccount");
        Workloads =
        [
            .. Deployments.Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Replicas, d.Spec.Selector, d.Spec.Template)),
            .. StatefulSets.Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Replicas, s.Spec.Selector, s.Spec.Template)),
        ];
    }

    public string Overlay { get; }
    public IReadOnlyList<ManifestDocument> Documents { get; }
    public IReadOnlyList<V1Deployment> Deployments { get; }
    public IReadOnlyList<V1StatefulSet> StatefulSets { get; }
    public IReadOnlyList<V1Service> Services { get; }
    public IReadOnlyList<V1ConfigMap> ConfigMaps { get; }
    public IReadOnlyList<V1NetworkPolicy> NetworkPolicies { get; }
    public IReadOnlyList<V2HorizontalPodAutoscaler> Autoscalers { get; }
    public IReadOnlyList<V1PodDisruptionBudget> DisruptionBudgets { get; }
    public IReadOnlyList<V1Ingress> Ingresses { get; }
    public IReadOnlyList<V1Role> Roles { get; }
    public IReadOnlyList<V1RoleBinding> RoleBindings { get; }
    public IReadOnlyList<V1ServiceAccount> ServiceAccounts { get; }
    public IReadOnlyList<Workload> Workloads { get; }

    /// <summary>The Deployment of one of the platform's processes (gateway or a service).</summary>
    public V1Deployment App(string process) =>
        Deployments.SingleOrDefault(d => d.Metadata.Name == process)
        ?? throw new Xunit.Sdk.XunitException($"{Overlay}: no Deployment named {process}.");

    public IEnumerable<ManifestDocument> Custom(string apiVersionPrefix, string kind) =>
        Documents.Where(d => d.Kind == kind && Scalar(d.Node, "apiVersion")?.StartsWith(apiVersionPrefix, StringComparison.Ordinal) == true);

    public static RenderedManifests For(string overlay) =>
        Cache.GetOrAdd(overlay, o => new Lazy<RenderedManifests>(() => Render(o))).Value;

    /// <summary>Renders any kustomization directory under the repository's <c>k8s/</c>.</summary>
    public static RenderedManifests Render(string overlay)
    {
        var dir = Path.Combine(RepositoryRoot, "k8s", "overlays", overlay);
        return Parse(overlay, Kustomize(dir));
    }

    public static string Kustomize(string directory)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {stderr.Result}");
        }
        return output;
    }

    public static RenderedManifests Parse(string overlay, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var texts = SplitDocuments(yaml);
        Assert.Equal(stream.Documents.Count, texts.Count);
        var documents = stream.Documents.Select((d, i) =>
        {
            var node = (YamlMappingNode)d.RootNode;
            var kind = Scalar(node, "kind") ?? throw new InvalidOperationException("A document has no kind.");
            var name = Scalar((YamlMappingNode)node.Children[new YamlScalarNode("metadata")], "name") ?? "";
            return new ManifestDocument(kind, name, texts[i], node);
        }).ToList();
        return new RenderedManifests(overlay, documents);
    }

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static YamlNode? Path_(YamlNode node, params string[] keys)
    {
        var current = node;
        foreach (var key in keys)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            current = next;
        }
        return current;
    }

    private static List<string> SplitDocuments(string yaml)
    {
        var documents = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in yaml.Split('\n'))
        {
            if (line.TrimEnd() == "---")
            {
                if (current.Length > 0) documents.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(line).Append('\n');
        }
        if (current.ToString().Trim().Length > 0) documents.Add(current.ToString());
        return documents;
    }

    private List<T> OfKind<T>(string kind) => Documents.Where(d => d.Kind == kind).Select(d => d.As<T>()).ToList();

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Platform.sln not found above the test output directory.");
    }
}
