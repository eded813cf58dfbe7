using System.Reflection;
using Platform.ServiceDefaults.Model;

namespace Platform.ArchitectureTests;

/// <summary>The rules of docs/architecture.md, held by every service (fast: no servers, only the assemblies).</summary>
public sealed class ServiceArchitectureTests
{
    private static readonly Dictionary<string, Assembly> Services = new()
    {
        ["Platform.Workforce"] = typeof(Platform.Workforce.Apis.EstablishmentApi).Assembly,
        ["Platform.Finance"] = typeof(Platform.Finance.Infrastructure.FinanceDbContext).Assembly,
        ["Platform.Placements"] = typeof(Platform.Placements.Infrastructure.PlacementsDbContext).Assembly,
        ["Platform.Inspections"] = typeof(Platform.Inspections.Infrastructure.InspectionsDbContext).Assembly,
        ["Platform.Ingest"] = typeof(Platform.Ingest.Infrastructure.IngestDbContext).Assembly,
    };

    public static TheoryData<string> ServiceNames => [.. Services.Keys];

    [Fact]
    public void The_rules_cover_every_service_of_the_platforms_model()
    {
        // AppHost/platform.json's services, by their projects' assemblies.
        Assert.Equal(
            PlatformModel.Services.Select(s => Path.GetFileNameWithoutExtension(s.Project)).Order(),
            Services.Values.Select(a => a.GetName().Name!).Order());
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void The_domain_depends_on_no_infrastructure_and_no_outer_layer(string service) =>
        Assert.Empty(ArchitectureRules.DomainIsIndependent(Services[service], service));

    /// <summary>
    /// Entities raise domain events that one mapping per service turns into messages; Ingest's translation of
    /// departmental events into commands is its Application's catalogue.
    /// </summary>
    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void The_domain_knows_no_message_contracts(string service) =>
        Assert.Empty(ArchitectureRules.DomainKnowsNoMessages(Services[service], service));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Endpoints_never_call_message_consumers(string service) =>
        Assert.Empty(ArchitectureRules.EndpointsDoNotCallConsumers(Services[service], service));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Every_service_has_the_same_five_layers_and_nothing_outside_them(string service)
    {
        Assert.Empty(ArchitectureRules.MissingLayers(Services[service], service));
        Assert.Empty(ArchitectureRules.OutsideTheLayers(Services[service], service));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Message_consumers_never_call_endpoint_code(string service) =>
        Assert.Empty(ArchitectureRules.ConsumersDoNotCallEndpoints(Services[service], service));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Use_cases_call_neither_endpoints_nor_consumers(string service) =>
        Assert.Empty(ArchitectureRules.UseCasesCallNoEdge(Services[service], service));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_references_no_other_services_code(string service) =>
        Assert.Empty(ArchitectureRules.ReferencesNoOtherService(Services[service], Services.Keys.Where(s => s != service).Append("Platform.Web").Append("Platform.Gateway")));

    [Fact]
    public void The_web_app_and_the_gateway_reference_no_services_code()
    {
        Assert.Empty(ArchitectureRules.ReferencesNoOtherService(typeof(Platform.Web.Operations.OperationsStatus).Assembly, Services.Keys));
        Assert.Empty(ArchitectureRules.ReferencesNoOtherService(typeof(Platform.Gateway.DownstreamHealthCheck).Assembly, Services.Keys.Append("Platform.Web")));
    }

    [Fact]
    public void The_shared_code_references_no_service()
    {
        Assert.Empty(ArchitectureRules.ReferencesNoOtherService(typeof(Platform.ServiceDefaults.Http.ApiDefaults).Assembly, [.. Services.Keys, "Platform.Web", "Platform.Gateway"]));
        Assert.Empty(ArchitectureRules.ReferencesNoOtherService(typeof(Platform.Contracts.IntegrationEvent).Assembly, [.. Services.Keys, "Platform.Web", "Platform.Gateway"]));
    }

    [Fact]
    public void The_message_contracts_depend_on_nothing_but_the_base_library() =>
        Assert.Empty(ArchitectureRules.ContractsDependOnNothing(typeof(Platform.Contracts.IntegrationEvent).Assembly, "Platform.Contracts"));
}
