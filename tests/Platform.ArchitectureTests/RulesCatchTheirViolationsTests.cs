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
    public void A_domain_type_building_a_message_is_reported()
    {
        var failing = ArchitectureRules.DomainKnowsNoMessages(Samples, Service, $"{Service}.Contracts");
        Assert.Contains(typeof(Samples.Domain.EntityThatBuildsAMessage).FullName, failing);
        Assert.DoesNotContain(typeof(Samples.Domain.PlainEntity).FullName, failing);
    }

    [Fact]
    public void An_endpoint_calling_a_consumer_is_reported() =>
        Assert.Contains(typeof(Samples.Apis.EndpointThatCallsAConsumer).FullName, ArchitectureRules.EndpointsDoNotCallConsumers(Samples, Service));

    [Fact]
    public void A_consumer_calling_an_endpoint_is_reported()
    {
        var failing = ArchitectureRules.ConsumersDoNotCallEndpoints(Samples, Service);
        Assert.Contains(typeof(Samples.IntegrationEvents.ConsumerThatCallsAnEndpoint).FullName, failing);
        Assert.DoesNotContain(typeof(Samples.IntegrationEvents.ConsumerThatCallsAUseCase).FullName, failing);
    }

    [Fact]
    public void A_use_case_calling_an_endpoint_or_a_consumer_is_reported()
    {
        var failing = ArchitectureRules.UseCasesCallNoEdge(Samples, Service);
        Assert.Contains(typeof(Samples.Application.UseCaseThatCallsOutward).FullName, failing);
        Assert.DoesNotContain(typeof(Samples.Application.SampleUseCase).FullName, failing);
    }

    [Fact]
    public void Code_outside_the_five_layers_and_a_missing_layer_are_reported()
    {
        var outside = ArchitectureRules.OutsideTheLayers(Samples, Service);
        Assert.Contains(typeof(Samples.Forecasting.RecalculatorOutsideTheLayers).FullName, outside);
        Assert.DoesNotContain(typeof(Samples.Domain.PlainEntity).FullName, outside);
        Assert.DoesNotContain(typeof(Samples.Application.SampleUseCase).FullName, outside);
        // The samples have no Infrastructure namespace.
        Assert.Equal(["Infrastructure"], ArchitectureRules.MissingLayers(Samples, Service));
    }

    [Fact]
    public void A_reference_to_another_services_code_is_reported() =>
        Assert.Contains(typeof(Samples.Apis.EndpointThatCallsAConsumer).FullName,
            ArchitectureRules.ReferencesNoOtherService(Samples, ["Platform.Workforce"]));

    [Fact]
    public void A_contract_depending_on_infrastructure_is_reported() =>
        Assert.Contains(typeof(Samples.Contracts.ContractWithAQuery).FullName, ArchitectureRules.ContractsDependOnNothing(Samples, $"{Service}.Contracts"));
}
