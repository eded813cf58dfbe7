using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Platform.ArchitectureTests;

/// <summary>
/// The platform's architecture rules as functions of an assembly and a namespace, so that each rule runs against the
/// services and, in <see cref="RulesCatchTheirViolationsTests"/>, against samples that break it on purpose.
/// Each returns the names of the types that break the rule (empty: the rule holds).
/// </summary>
public static class ArchitectureRules
{
    /// <summary>What a domain model must not know: persistence, HTTP, messaging, caching.</summary>
    public static readonly string[] InfrastructureNamespaces =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "MassTransit", "Npgsql", "StackExchange.Redis", "RabbitMQ.Client", "Yarp"];

    /// <summary>The domain depends on no infrastructure and on none of its own service's outer layers.</summary>
    public static IReadOnlyList<string> DomainIsIndependent(Assembly assembly, string serviceNamespace) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace($"{serviceNamespace}.Domain")
            .ShouldNot().HaveDependencyOnAny([
                .. InfrastructureNamespaces,
                $"{serviceNamespace}.Apis", $"{serviceNamespace}.Infrastructure", $"{serviceNamespace}.IntegrationEvents",
            ]).GetResult());

    /// <summary>
    /// The domain knows nothing of the message contracts (<paramref name="contractsNamespace"/>): entities raise domain
    /// events, which the service maps to messages in one place.
    /// </summary>
    public static IReadOnlyList<string> DomainKnowsNoMessages(Assembly assembly, string serviceNamespace, string contractsNamespace = "Platform.Contracts") =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace($"{serviceNamespace}.Domain")
            .ShouldNot().HaveDependencyOn(contractsNamespace).GetResult());

    /// <summary>Endpoints never call message consumers.</summary>
    public static IReadOnlyList<string> EndpointsDoNotCallConsumers(Assembly assembly, string serviceNamespace) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace($"{serviceNamespace}.Apis")
            .ShouldNot().HaveDependencyOn($"{serviceNamespace}.IntegrationEvents").GetResult());

    /// <summary>Message consumers never call endpoint code: they call the use cases (Application) the endpoints call.</summary>
    public static IReadOnlyList<string> ConsumersDoNotCallEndpoints(Assembly assembly, string serviceNamespace) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace($"{serviceNamespace}.IntegrationEvents")
            .ShouldNot().HaveDependencyOn($"{serviceNamespace}.Apis").GetResult());

    /// <summary>The use cases are called by endpoints and consumers, and call neither.</summary>
    public static IReadOnlyList<string> UseCasesCallNoEdge(Assembly assembly, string serviceNamespace) =>
        // Matched on the namespace itself: a prefix would also take the service's ApplicationServices class.
        Failing(Types.InAssembly(assembly).That().ResideInNamespaceMatching($@"^{Regex.Escape(serviceNamespace)}\.Application(\..+)?$")
            .ShouldNot().HaveDependencyOnAny([$"{serviceNamespace}.Apis", $"{serviceNamespace}.IntegrationEvents"]).GetResult());

    /// <summary>A service talks to the others only through messages and HTTP: it references none of their code.</summary>
    public static IReadOnlyList<string> ReferencesNoOtherService(Assembly assembly, IEnumerable<string> otherServiceNamespaces) =>
        Failing(Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny([.. otherServiceNamespaces]).GetResult());

    /// <summary>The layers every service is laid out in (eShop's and the modular monolith's), each a namespace and folder.</summary>
    public static readonly string[] Layers = ["Apis", "Application", "Domain", "Infrastructure", "IntegrationEvents"];

    /// <summary>
    /// Types of the service outside its layers: anything but <c>Program</c> and <c>ApplicationServices</c> at the root,
    /// or in a namespace that is not one of <see cref="Layers"/> (or below one).
    /// </summary>
    public static IReadOnlyList<string> OutsideTheLayers(Assembly assembly, string serviceNamespace)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == serviceNamespace || ns.StartsWith(serviceNamespace + ".", StringComparison.Ordinal)))
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal) && !t.IsNested)
            .Where(t => t.Namespace == serviceNamespace
                ? t.Name is not ("Program" or "ApplicationServices")
                : !Layers.Any(layer => InLayer(t.Namespace!, serviceNamespace, layer)))
            .Select(t => t.FullName!).Order(StringComparer.Ordinal)];
    }

    /// <summary>The layers a service has no types in.</summary>
    public static IReadOnlyList<string> MissingLayers(Assembly assembly, string serviceNamespace)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var namespaces = assembly.GetTypes().Select(t => t.Namespace).OfType<string>().Distinct().ToList();
        return [.. Layers.Where(layer => !namespaces.Any(ns => InLayer(ns, serviceNamespace, layer)))];
    }

    private static bool InLayer(string ns, string serviceNamespace, string layer) =>
        ns == $"{serviceNamespace}.{layer}" || ns.StartsWith($"{serviceNamespace}.{layer}.", StringComparison.Ordinal);

    /// <summary>The shared messages depend on nothing but the base library.</summary>
    public static IReadOnlyList<string> ContractsDependOnNothing(Assembly assembly, string contractsNamespace) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(contractsNamespace)
            .ShouldNot().HaveDependencyOnAny([.. InfrastructureNamespaces, "Platform.ServiceDefaults", "Microsoft.Extensions"]).GetResult());

    private static IReadOnlyList<string> Failing(TestResult result) =>
        result.IsSuccessful ? [] : [.. (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal)];
}
