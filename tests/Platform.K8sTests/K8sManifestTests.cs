using k8s.Models;
using Platform.ServiceDefaults.Model;
using YamlDotNet.RepresentationModel;
using static Platform.K8sTests.ManifestChecks;

namespace Platform.K8sTests;

/// <summary>
/// Renders each overlay with <c>kubectl kustomize</c> and checks what a council's IT team relies on when they
/// apply it: probes, resources, a restricted security context, the configuration contract, Services, network
/// policies, no secret values, pinned images and Dapr wiring. Each failure lists every offending object.
/// </summary>
public sealed class K8sManifestTests
{
    public static TheoryData<string> Overlays => new(RenderedManifests.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_process_of_the_platform_has_a_Deployment_a_Service_a_disruption_budget_and_an_autoscaler(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var process in ConfigurationContract.Processes)
        {
            var deployment = m.App(process);
            var labels = deployment.Spec.Template.Metadata.Labels;
            if (!m.Services.Any(s => s.Metadata.Name == process && Matches(s.Spec.Selector, labels))) problems.Add($"{process}: no Service of that name selects it.");
            if (!m.DisruptionBudgets.Any(p => Matches(p.Spec.Selector, labels))) problems.Add($"{process}: no PodDisruptionBudget.");
            var hpa = m.Autoscalers.SingleOrDefault(h => h.Spec.ScaleTargetRef.Kind == "Deployment" && h.Spec.ScaleTargetRef.Name == process);
            if (hpa is null) problems.Add($"{process}: no HorizontalPodAutoscaler.");
            else if (hpa.Spec.MaxReplicas <= (hpa.Spec.MinReplicas ?? 1)) problems.Add($"{process}: the autoscaler cannot scale out.");
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_app_container_has_startup_liveness_and_readiness_probes_on_alive_and_health(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var process in ConfigurationContract.Processes)
        {
            var pod = m.App(process).Spec.Template.Spec;
            foreach (var c in pod.Containers)
            {
                CheckHttpProbe(problems, pod, $"{process}/{c.Name} startup", c.StartupProbe, "/alive");
                CheckHttpProbe(problems, pod, $"{process}/{c.Name} liveness", c.LivenessProbe, "/alive");
                CheckHttpProbe(problems, pod, $"{process}/{c.Name} readiness", c.ReadinessProbe, "/health");
            }
        }
        // Every other container (dashboard, data stores) has the three probes too, of whatever kind fits it.
        foreach (var w in m.Workloads.Where(w => !ConfigurationContract.Processes.Contains(w.Name)))
        {
            foreach (var c in w.Template.Spec.Containers)
            {
                if (c.StartupProbe is null || c.LivenessProbe is null || c.ReadinessProbe is null)
                    problems.Add($"{w.Kind} {w.Name}/{c.Name}: startup, liveness and readiness probes are not all set.");
            }
        }
        Assert.Empty(problems);
    }

    private static void CheckHttpProbe(List<string> problems, V1PodSpec pod, string what, V1Probe? probe, string path)
    {
        if (probe?.HttpGet is not { } get) { problems.Add($"{what}: no HTTP probe."); return; }
        if (get.Path != path) problems.Add($"{what}: probes {get.Path}, expected {path}.");
        if (!DeclaresPort(pod, get.Port)) problems.Add($"{what}: port {get.Port.Value} is not declared by the pod.");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_has_resource_requests_and_limits(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var w in m.Workloads)
        {
            foreach (var c in w.Template.Spec.Containers.Concat(w.Template.Spec.InitContainers ?? []))
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    if (c.Resources?.Requests?.ContainsKey(resource) != true) problems.Add($"{w.Name}/{c.Name}: no {resource} request.");
                    if (c.Resources?.Limits?.ContainsKey(resource) != true) problems.Add($"{w.Name}/{c.Name}: no {resource} limit.");
                }
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_runs_under_the_restricted_security_context(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var w in m.Workloads)
        {
            var pod = w.Template.Spec;
            var where = $"{w.Kind} {w.Name}";
            if (pod.HostNetwork == true || pod.HostPID == true || pod.HostIPC == true) problems.Add($"{where}: shares a host namespace.");
            if (pod.SecurityContext?.RunAsUser == 0) problems.Add($"{where}: runs as root.");
            foreach (var c in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                var sc = c.SecurityContext;
                var at = $"{where}/{c.Name}";
                if ((sc?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) != true) problems.Add($"{at}: runAsNonRoot is not true.");
                if ((sc?.RunAsUser ?? pod.SecurityContext?.RunAsUser) is null or 0) problems.Add($"{at}: no numeric non-root user (the kubelet cannot verify a named one).");
                if (sc?.AllowPrivilegeEscalation != false) problems.Add($"{at}: allowPrivilegeEscalation is not false.");
                if (sc?.Privileged == true) problems.Add($"{at}: privileged.");
                if (sc?.ReadOnlyRootFilesystem != true) problems.Add($"{at}: the root filesystem is writable.");
                if (sc?.Capabilities?.Drop?.Contains("ALL") != true) problems.Add($"{at}: does not drop ALL capabilities.");
                if (sc?.Capabilities?.Add is { Count: > 0 }) problems.Add($"{at}: adds capabilities.");
                if ((sc?.SeccompProfile?.Type ?? pod.SecurityContext?.SeccompProfile?.Type) != "RuntimeDefault") problems.Add($"{at}: seccomp is not RuntimeDefault.");
                // A read-only root needs somewhere to write temporary files (.NET, PostgreSQL, RabbitMQ all use /tmp).
                var tmp = c.VolumeMounts?.SingleOrDefault(v => v.MountPath == "/tmp");
                if (tmp is null || pod.Volumes?.SingleOrDefault(v => v.Name == tmp.Name)?.EmptyDir is null) problems.Add($"{at}: /tmp is not an emptyDir.");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Only_pods_that_read_the_Dapr_secret_store_get_a_service_account_token_and_it_reads_only_their_secrets(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var w in m.Workloads)
        {
            var pod = w.Template.Spec;
            var account = m.ServiceAccounts.SingleOrDefault(a => a.Metadata.Name == (pod.ServiceAccountName ?? "default"));
            if (account is null) { problems.Add($"{w.Name}: its ServiceAccount {pod.ServiceAccountName ?? "default"} is not in the manifests."); continue; }
            var mounted = pod.AutomountServiceAccountToken ?? account.AutomountServiceAccountToken ?? true;
            var readsSecretStore = SecretReferences(m, w.Name).Count > 0;
            if (mounted && !readsSecretStore) problems.Add($"{w.Name}: mounts a service-account token it does not need.");
            if (!mounted && readsSecretStore) problems.Add($"{w.Name}: reads the Dapr Kubernetes secret store, which needs the pod's token.");
            var annotations = w.Template.Metadata.Annotations ?? new Dictionary<string, string>();
            if (annotations.Value("dapr.io/enabled") == "true" && !mounted
                && annotations.Value("dapr.io/disable-builtin-k8s-secret-store") != "true")
                problems.Add($"{w.Name}: the Dapr sidecar's built-in Kubernetes secret store needs a token; disable it.");

            // What the token may do: get the named Secrets the service reads, nothing else.
            var roles = m.RoleBindings.Where(b => b.Subjects?.Any(s => s.Kind == "ServiceAccount" && s.Name == account.Metadata.Name) == true)
                .Select(b => m.Roles.SingleOrDefault(r => r.Metadata.Name == b.RoleRef.Name && b.RoleRef.Kind == "Role"))
                .ToList();
            if (roles.Any(r => r is null)) problems.Add($"{w.Name}: bound to a ClusterRole or to a Role not in the manifests.");
            var allowed = roles.Where(r => r is not null).SelectMany(r => r!.Rules).ToList();
            foreach (var rule in allowed)
            {
                if (rule.Resources.Any(r => r != "secrets") || rule.Verbs.Any(v => v != "get") || rule.ResourceNames is not { Count: > 0 })
                    problems.Add($"{w.Name}: a rule allows more than get on named secrets.");
            }
            foreach (var (secret, _) in SecretReferences(m, w.Name).Values)
            {
                if (!allowed.Any(r => r.ResourceNames?.Contains(secret) == true)) problems.Add($"{w.Name}: may not read Secret {secret}, which it needs.");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_environment_variable_a_process_reads_at_start_up_is_provided(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var process in ConfigurationContract.Processes)
        {
            var container = m.App(process).Spec.Template.Spec.Containers.Single();
            var environment = Environment(m, container, problems);
            foreach (var name in ConfigurationContract.RequiredVariables(process))
            {
                if (!environment.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value)) problems.Add($"{process}: {name} is not provided.");
            }
            if (environment.Value("OTEL_SERVICE_NAME") is { } serviceName && serviceName != process)
                problems.Add($"{process}: OTEL_SERVICE_NAME is {serviceName}.");
            if (environment.Value("ASPNETCORE_URLS") is { } urls
                && !urls.Split(';').Any(u => u.EndsWith($":{ConfigurationContract.HttpPort}", StringComparison.Ordinal)))
                problems.Add($"{process}: ASPNETCORE_URLS ({urls}) does not listen on {ConfigurationContract.HttpPort}.");
            if (environment.Value("OTEL_EXPORTER_OTLP_HEADERS") is { } headers && !headers.StartsWith("<secret ", StringComparison.Ordinal))
                problems.Add($"{process}: the OTLP API key header is written in the manifests instead of taken from a Secret.");

            // A connection string without its password needs the Secret that holds it.
            foreach (var connection in ConfigurationContract.ConnectionStrings(process))
            {
                if (!environment.TryGetValue($"ConnectionStrings__{connection}", out var value)) continue;
                if (HasPassword(value)) problems.Add($"{process}: ConnectionStrings__{connection} holds a password.");
                else if (!environment.ContainsKey($"Secrets__ConnectionStringPasswords__{connection}"))
                    problems.Add($"{process}: ConnectionStrings__{connection} has no password and no Secrets__ConnectionStringPasswords__{connection}.");
            }
        }
        Assert.Empty(problems);
    }

    private static bool HasPassword(string connectionString) =>
        connectionString.Contains("password=", StringComparison.OrdinalIgnoreCase)
        || (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("amqp", StringComparison.Ordinal) && uri.UserInfo.Contains(':', StringComparison.Ordinal));

    /// <summary>The secrets a process reads through the Dapr store: connection name → (secret, key).</summary>
    private static Dictionary<string, (string Secret, string Key)> SecretReferences(RenderedManifests m, string workload)
    {
        var deployment = m.Deployments.SingleOrDefault(d => d.Metadata.Name == workload);
        if (deployment is null) return [];
        var environment = Environment(m, deployment.Spec.Template.Spec.Containers[0], []);
        const string prefix = "Secrets__ConnectionStringPasswords__";
        return environment.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[prefix.Length..], e =>
            {
                var parts = e.Value.Split('/', 2);
                return (parts[0], parts.Length == 2 ? parts[1] : "");
            });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_gateway_reaches_each_service_through_its_Service_on_a_declared_port(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        var gateway = Environment(m, m.App(ConfigurationContract.Gateway).Spec.Template.Spec.Containers.Single(), problems);
        foreach (var service in ConfigurationContract.Services)
        {
            if (!gateway.TryGetValue($"services__{service}__http__0", out var address)) continue;
            var uri = new Uri(address);
            var target = m.Services.SingleOrDefault(s => s.Metadata.Name == uri.Host);
            if (target is null) { problems.Add($"gateway: {address} names no Service."); continue; }
            if (!target.Spec.Ports.Any(p => p.Port == uri.Port)) problems.Add($"gateway: Service {uri.Host} has no port {uri.Port}.");
            if (!Matches(target.Spec.Selector, m.App(service).Spec.Template.Metadata.Labels)) problems.Add($"gateway: {address} does not reach the {service} pods.");
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_Service_selects_exactly_one_workloads_pods_and_targets_a_declared_port(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var service in m.Services)
        {
            var selected = m.Workloads.Where(w => Matches(service.Spec.Selector, w.Template.Metadata.Labels)).ToList();
            if (selected.Count != 1) { problems.Add($"Service {service.Metadata.Name} selects {selected.Count} workloads."); continue; }
            // The Service's selector must not be looser than the workload's own (no stray pods of another owner).
            if (!Matches(selected[0].Selector, service.Spec.Selector)) problems.Add($"Service {service.Metadata.Name} does not select by the workload's own labels.");
            foreach (var port in service.Spec.Ports)
            {
                var target = port.TargetPort ?? (IntOrString)port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!DeclaresPort(selected[0].Template.Spec, target)) problems.Add($"Service {service.Metadata.Name} port {port.Name}: target {target.Value} is not declared by {selected[0].Name}.");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_only_Ingress_routes_to_the_gateway(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var ingress = Assert.Single(m.Ingresses);
        var backends = ingress.Spec.Rules.SelectMany(r => r.Http.Paths).Select(p => p.Backend.Service.Name).Distinct().ToList();
        Assert.Equal([ConfigurationContract.Gateway], backends);
        Assert.NotEmpty(ingress.Spec.Tls ?? []);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_pod_is_covered_by_network_policies_that_deny_by_default(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        var denyAll = m.NetworkPolicies.Where(p => p.Spec.PodSelector.MatchLabels is not { Count: > 0 } && p.Spec.PodSelector.MatchExpressions is not { Count: > 0 }
            && p.Spec.PolicyTypes.Contains("Ingress") && p.Spec.PolicyTypes.Contains("Egress") && p.Spec.Ingress is not { Count: > 0 } && p.Spec.Egress is not { Count: > 0 });
        Assert.NotEmpty(denyAll);

        foreach (var w in m.Workloads)
        {
            var labels = w.Template.Metadata.Labels;
            var specific = m.NetworkPolicies.Where(p => (p.Spec.PodSelector.MatchLabels is { Count: > 0 } || p.Spec.PodSelector.MatchExpressions is { Count: > 0 })
                && Matches(p.Spec.PodSelector, labels)).ToList();
            if (specific.Count == 0) problems.Add($"{w.Kind} {w.Name}: no NetworkPolicy of its own says what it may do.");
        }
        foreach (var policy in m.NetworkPolicies)
        {
            foreach (var rule in policy.Spec.Ingress ?? [])
                if (rule.FromProperty is not { Count: > 0 }) problems.Add($"NetworkPolicy {policy.Metadata.Name}: an ingress rule admits every source.");
            foreach (var rule in policy.Spec.Egress ?? [])
            {
                if (rule.To is not { Count: > 0 }) problems.Add($"NetworkPolicy {policy.Metadata.Name}: an egress rule allows every destination.");
                if (rule.To?.Any(t => t.IpBlock?.Cidr is "0.0.0.0/0" or "::/0") == true) problems.Add($"NetworkPolicy {policy.Metadata.Name}: egress to the whole internet.");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Network_policies_admit_outside_traffic_to_the_gateway_only_and_service_traffic_from_the_gateway_only(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var w in m.Workloads)
        {
            var labels = w.Template.Metadata.Labels;
            var rules = m.NetworkPolicies.Where(p => Matches(p.Spec.PodSelector, labels) || IsEmpty(p.Spec.PodSelector))
                .SelectMany(p => p.Spec.Ingress ?? []).SelectMany(r => r.FromProperty ?? []).ToList();
            foreach (var peer in rules)
            {
                var fromOutside = peer.NamespaceSelector is not null || peer.IpBlock is not null;
                if (fromOutside && w.Name != ConfigurationContract.Gateway) problems.Add($"{w.Name}: admits traffic from outside the namespace.");
                if (fromOutside && w.Name == ConfigurationContract.Gateway && peer.NamespaceSelector?.MatchLabels?.Value("kubernetes.io/metadata.name") != "ingress-nginx")
                    problems.Add("gateway: admits outside traffic other than the ingress controller's.");
                if (peer.PodSelector is { } from && !fromOutside && ConfigurationContract.Services.Contains(w.Name))
                {
                    var sources = m.Workloads.Where(s => Matches(from, s.Template.Metadata.Labels)).Select(s => s.Name);
                    if (sources.Any(s => s != ConfigurationContract.Gateway)) problems.Add($"{w.Name}: admits traffic from {string.Join(", ", sources)}.");
                }
            }
        }
        Assert.Empty(problems);
    }

    private static bool IsEmpty(V1LabelSelector selector) =>
        selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_image_is_unpinned_or_latest(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var w in m.Workloads)
        {
            foreach (var c in w.Template.Spec.Containers.Concat(w.Template.Spec.InitContainers ?? []))
            {
                var image = c.Image;
                var lastSegment = image[(image.LastIndexOf('/') + 1)..];
                if (image.Contains("@sha256:", StringComparison.Ordinal)) continue;
                var tag = lastSegment.Contains(':', StringComparison.Ordinal) ? lastSegment[(lastSegment.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;
                if (tag is null || tag == "latest") problems.Add($"{w.Name}/{c.Name}: image {image} is not pinned.");
                else if (overlay == "production" && !System.Text.RegularExpressions.Regex.IsMatch(tag, @"^\d+\.\d+\.\d+"))
                    problems.Add($"{w.Name}/{c.Name}: image {image} has a floating tag in production.");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Production_runs_two_or_more_replicas_of_every_process_and_no_data_store_in_the_namespace()
    {
        var m = RenderedManifests.For("production");
        var problems = new List<string>();
        foreach (var process in ConfigurationContract.Processes)
        {
            if ((m.App(process).Spec.Replicas ?? 1) < 2) problems.Add($"{process}: fewer than two replicas.");
            var hpa = m.Autoscalers.Single(h => h.Spec.ScaleTargetRef.Name == process);
            if ((hpa.Spec.MinReplicas ?? 1) < 2) problems.Add($"{process}: the autoscaler may scale in below two.");
            if (!process.StartsWith("registry.", StringComparison.Ordinal) && !m.App(process).Spec.Template.Spec.Containers[0].Image.Contains('/', StringComparison.Ordinal))
                problems.Add($"{process}: image without a registry.");
        }
        Assert.Empty(problems);
        Assert.Empty(m.StatefulSets);
        Assert.DoesNotContain(m.Services, s => s.Metadata.Name is "postgres" or "rabbitmq" or "redis");

        // The data stores it points at are operator-managed resources, declared alongside.
        var stores = RenderedManifests.Parse("production/datastores",
            RenderedManifests.Kustomize(Path.Combine(RenderedManifests.RepositoryRoot, "k8s", "overlays", "production", "datastores")));
        Assert.Single(stores.Custom("rabbitmq.com/", "RabbitmqCluster"));
        Assert.Single(stores.Custom("postgresql.cnpg.io/", "Cluster"));
        Assert.Equal(PlatformModel.Services.Select(s => s.Database!).Order(), stores.Custom("postgresql.cnpg.io/", "Database").Select(d => d.Name).Order());
    }

    [Fact]
    public void Dev_runs_RabbitMQ_PostgreSQL_and_Redis_in_the_cluster_on_persistent_volumes()
    {
        var m = RenderedManifests.For("dev");
        foreach (var store in new[] { "rabbitmq", "postgres", "redis" })
        {
            var set = Assert.Single(m.StatefulSets, s => s.Metadata.Name == store);
            Assert.Equal(1, set.Spec.Replicas);
            Assert.NotEmpty(set.Spec.VolumeClaimTemplates);
        }
    }

    [Fact]
    public void In_dev_each_data_store_takes_its_password_from_the_Secret_the_services_read_it_from()
    {
        var m = RenderedManifests.For("dev");
        var problems = new List<string>();
        var storeSecrets = m.StatefulSets.SelectMany(s => s.Spec.Template.Spec.Containers.SelectMany(c => c.Env ?? []))
            .Where(e => e.ValueFrom?.SecretKeyRef is not null)
            .Select(e => $"{e.ValueFrom.SecretKeyRef.Name}/{e.ValueFrom.SecretKeyRef.Key}")
            .ToHashSet();
        foreach (var service in ConfigurationContract.Services)
        {
            foreach (var (connection, (secret, key)) in SecretReferences(m, service))
            {
                if (!storeSecrets.Contains($"{secret}/{key}")) problems.Add($"{service}: reads the {connection} password from {secret}/{key}, which no data store uses.");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Dapr_app_ids_and_ports_match_the_services_and_their_configuration_exists(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        var configurations = m.Custom("dapr.io/", "Configuration").ToList();
        var stores = m.Custom("dapr.io/", "Component").ToList();
        foreach (var process in ConfigurationContract.Processes)
        {
            var template = m.App(process).Spec.Template;
            var a = template.Metadata.Annotations ?? new Dictionary<string, string>();
            if (a.Value("dapr.io/enabled") != "true") problems.Add($"{process}: no Dapr sidecar.");
            if (a.Value("dapr.io/app-id") != process) problems.Add($"{process}: Dapr app id is {a.Value("dapr.io/app-id")}.");
            var http = template.Spec.Containers.Single().Ports?.SingleOrDefault(p => p.Name == "http")?.ContainerPort;
            if (a.Value("dapr.io/app-port") != http?.ToString(System.Globalization.CultureInfo.InvariantCulture) || http != ConfigurationContract.HttpPort)
                problems.Add($"{process}: Dapr app port {a.Value("dapr.io/app-port")} is not the app's http port {http}.");
            if (!configurations.Any(c => c.Name == a.Value("dapr.io/config"))) problems.Add($"{process}: Dapr configuration {a.Value("dapr.io/config")} is not in the manifests.");

            var environment = Environment(m, template.Spec.Containers.Single(), problems);
            var references = SecretReferences(m, process);
            if (references.Count == 0) continue;
            var storeName = environment.Value("Secrets__Store");
            var store = stores.SingleOrDefault(s => s.Name == storeName);
            if (store is null) { problems.Add($"{process}: Dapr secret store {storeName} is not in the manifests."); continue; }
            if (RenderedManifests.Scalar((YamlMappingNode)store.Node.Children[new YamlScalarNode("spec")], "type") != "secretstores.kubernetes")
                problems.Add($"{process}: {storeName} is not a Kubernetes secret store.");
            var scopes = (RenderedManifests.Path_(store.Node, "scopes") as YamlSequenceNode)?.Select(n => ((YamlScalarNode)n).Value).ToList();
            if (scopes is not null && !scopes.Contains(process)) problems.Add($"{process}: not in the scopes of {storeName}.");
            foreach (var configuration in configurations.Where(c => c.Name == a.Value("dapr.io/config")))
            {
                var allowed = (RenderedManifests.Path_(configuration.Node, "spec", "secrets", "scopes") as YamlSequenceNode)?
                    .OfType<YamlMappingNode>().SingleOrDefault(s => RenderedManifests.Scalar(s, "storeName") == storeName);
                var names = (RenderedManifests.Path_(allowed ?? new YamlMappingNode(), "allowedSecrets") as YamlSequenceNode)?.Select(n => ((YamlScalarNode)n).Value).ToList();
                foreach (var (secret, _) in references.Values)
                    if (allowed is not null && names?.Contains(secret) != true) problems.Add($"{process}: Dapr configuration does not allow Secret {secret}.");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_process_and_every_Dapr_sidecar_sends_telemetry_to_the_Aspire_dashboard(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        var dashboard = m.Deployments.Single(d => d.Metadata.Name == "aspire-dashboard");
        var env = Environment(m, dashboard.Spec.Template.Spec.Containers.Single(), problems);
        if (env.Value("DASHBOARD__OTLP__AUTHMODE") != "ApiKey") problems.Add("dashboard: OTLP is not protected by an API key.");
        if (env.Value("DASHBOARD__OTLP__PRIMARYAPIKEY")?.StartsWith("<secret ", StringComparison.Ordinal) != true) problems.Add("dashboard: the OTLP API key is not taken from a Secret.");
        if (env.Value("DASHBOARD__FRONTEND__AUTHMODE") is not ("BrowserToken" or "OpenIdConnect")) problems.Add("dashboard: the UI is not protected.");
        var otlpSecret = env.Value("DASHBOARD__OTLP__PRIMARYAPIKEY")?.Split(' ', '/')[1];
        var service = m.Services.Single(s => Matches(s.Spec.Selector, dashboard.Spec.Template.Metadata.Labels));
        var grpc = service.Spec.Ports.Single(p => p.Name == "otlp-grpc");
        if (PortNumber(dashboard.Spec.Template.Spec, grpc.TargetPort) != 18889) problems.Add("dashboard: the otlp-grpc Service port does not reach 18889.");

        foreach (var process in ConfigurationContract.Processes)
        {
            var template = m.App(process).Spec.Template;
            var appEnv = Environment(m, template.Spec.Containers.Single(), problems);
            var endpoint = new Uri(appEnv["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            if (endpoint.Host != service.Metadata.Name || endpoint.Port != grpc.Port || appEnv.Value("OTEL_EXPORTER_OTLP_PROTOCOL") != "grpc")
                problems.Add($"{process}: OTLP goes to {endpoint} ({appEnv.Value("OTEL_EXPORTER_OTLP_PROTOCOL")}), not the dashboard's gRPC port.");
            if (appEnv.Value("OTEL_EXPORTER_OTLP_HEADERS")?.Contains($"<secret {otlpSecret}/", StringComparison.Ordinal) != true)
                problems.Add($"{process}: the OTLP headers do not come from the dashboard's Secret {otlpSecret}.");
            var sidecarEnv = template.Metadata.Annotations?.Value("dapr.io/env-from-secret") ?? "";
            if (!sidecarEnv.Contains($"OTEL_EXPORTER_OTLP_HEADERS={otlpSecret}:", StringComparison.Ordinal))
                problems.Add($"{process}: the Dapr sidecar gets no OTLP API key.");
        }
        foreach (var configuration in m.Custom("dapr.io/", "Configuration"))
        {
            var address = (RenderedManifests.Path_(configuration.Node, "spec", "tracing", "otel", "endpointAddress") as YamlScalarNode)?.Value ?? "";
            if (!address.StartsWith($"{service.Metadata.Name}.", StringComparison.Ordinal) && !address.StartsWith($"{service.Metadata.Name}:", StringComparison.Ordinal)
                || !address.EndsWith($":{grpc.Port}", StringComparison.Ordinal))
                problems.Add($"Dapr configuration {configuration.Name}: traces go to '{address}', not the dashboard.");
        }
        Assert.Empty(problems);
    }
}
