using k8s.Models;

namespace Platform.K8sTests;

/// <summary>Small evaluators of Kubernetes semantics the tests need: label selectors and container environments.</summary>
public static class ManifestChecks
{
    public static string? Value(this IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null) return false;
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key, out var actual);
            var ok = expression.OperatorProperty switch
            {
                "In" => has && expression.Values.Contains(actual!),
                "NotIn" => !has || !expression.Values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && Matches(new V1LabelSelector { MatchLabels = selector }, labels);

    /// <summary>A value taken from a Secret at run time: the manifests name it, they never hold it.</summary>
    public static string SecretReference(string name, string key) => $"<secret {name}/{key}>";

    /// <summary>
    /// The environment the container gets: envFrom ConfigMaps of the rendered output, then env entries (literal
    /// values, Secret and ConfigMap key references). Missing ConfigMaps or keys are reported in <paramref name="problems"/>.
    /// </summary>
    public static Dictionary<string, string> Environment(RenderedManifests manifests, V1Container container, List<string> problems)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } reference)
            {
                var map = manifests.ConfigMaps.SingleOrDefault(c => c.Metadata.Name == reference.Name);
                if (map is null)
                {
                    problems.Add($"{container.Name}: envFrom ConfigMap {reference.Name} is not in the manifests.");
                    continue;
                }
                foreach (var (key, value) in map.Data ?? new Dictionary<string, string>()) environment[key] = value;
            }
            else if (source.SecretRef is { } secret)
            {
                problems.Add($"{container.Name}: envFrom Secret {secret.Name} hides which variables it provides; name each key.");
            }
        }
        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom?.SecretKeyRef is { } secretKey)
            {
                environment[variable.Name] = SecretReference(secretKey.Name, secretKey.Key);
            }
            else if (variable.ValueFrom?.ConfigMapKeyRef is { } configKey)
            {
                var value = manifests.ConfigMaps.SingleOrDefault(c => c.Metadata.Name == configKey.Name)?.Data?.Value(configKey.Key);
                if (value is null) problems.Add($"{container.Name}: {variable.Name} refers to {configKey.Name}/{configKey.Key}, which is not in the manifests.");
                else environment[variable.Name] = value;
            }
            else if (variable.Value is not null)
            {
                environment[variable.Name] = variable.Value;
            }
            else
            {
                problems.Add($"{container.Name}: {variable.Name} has neither a value nor a supported reference.");
            }
        }
        return environment;
    }

    /// <summary>The numbers of the ports a container declares, by name and number.</summary>
    public static bool DeclaresPort(V1PodSpec pod, IntOrString port) =>
        pod.Containers.SelectMany(c => c.Ports ?? []).Any(p =>
            port.Value == p.Name || port.Value == p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static int? PortNumber(V1PodSpec pod, IntOrString port) =>
        pod.Containers.SelectMany(c => c.Ports ?? [])
            .Where(p => port.Value == p.Name || port.Value == p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(p => (int?)p.ContainerPort).FirstOrDefault();
}
