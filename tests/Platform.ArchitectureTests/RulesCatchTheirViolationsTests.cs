using System.Reflection;

namespace Platform.ArchitectureTests;

/// <summary>Each rule, applied to samples in this assembly that break it on purpose, reports them: no rule passes vacuously.</summary>
public sealed class RulesCatchTheirViolationsTests
{
    private static readonly Assembly Samples = typeof(RulesCatchTheirViolationsTests).Assembly;
    private const string Service = "Platform.ArchitectureTests.Samples";

    [Fact]
    public void A_domain_type_using_persistence_or_an_outer_layer_is_reported()
    {
        var failing = ArchitectureRules.DomainIsIndependent(Samples, Service);
        Assert.Contains(typeof(Samples.Domain.EntityThatSavesItself).FullName, failing);
        Assert.Contains(typeof(Samples.Domain.EntityThatCallsAnEndpoint).FullName, failing);
        Assert.DoesNotContain(typeof(Samples.Domain.PlainEntity).FullName, failing);
    }

    [Fact]
    public void An_endpoint_calling_a_consumer_is_reported() =>
        Assert.Contains(typeof(Samples.Apis.EndpointThatCallsAConsumer).FullName, ArchitectureRules.EndpointsDoNotCallConsumers(Samples, Service));

    [Fact]
    public void A_reference_to_another_services_code_is_reported() =>
        Assert.Contains(typeof(Samples.Apis.EndpointThatCallsAConsumer).FullName,
            ArchitectureRules.ReferencesNoOtherService(Samples, ["Platform.Workforce"]));

    [Fact]
    public void A_contract_depending_on_infrastructure_is_reported() =>
        Assert.Contains(typeof(Samples.Contracts.ContractWithAQuery).FullName, ArchitectureRules.ContractsDependOnNothing(Samples, $"{Service}.Contracts"));
}
