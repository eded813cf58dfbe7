using System.Reflection;
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

    /// <summary>Endpoints never call message consumers.</summary>
    public static IReadOnlyList<string> EndpointsDoNotCallConsumers(Assembly assembly, string serviceNamespace) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace($"{serviceNamespace}.Apis")
            .ShouldNot().HaveDependencyOn($"{serviceNamespace}.IntegrationEvents").GetResult());

    /// <summary>A service talks to the others only through messages and HTTP: it references none of their code.</summary>
    public static IReadOnlyList<string> ReferencesNoOtherService(Assembly assembly, IEnumerable<string> otherServiceNamespaces) =>
        Failing(Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny([.. otherServiceNamespaces]).GetResult());

    /// <summary>The shared messages depend on nothing but the base library.</summary>
    public static IReadOnlyList<string> ContractsDependOnNothing(Assembly assembly, string contractsNamespace) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(contractsNamespace)
            .ShouldNot().HaveDependencyOnAny([.. InfrastructureNamespaces, "Platform.ServiceDefaults", "Microsoft.Extensions"]).GetResult());

    private static IReadOnlyList<string> Failing(TestResult result) =>
        result.IsSuccessful ? [] : [.. (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal)];
}
