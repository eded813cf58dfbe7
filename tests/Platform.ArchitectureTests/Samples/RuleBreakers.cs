// Types that break the architecture rules on purpose, so RulesCatchTheirViolationsTests can show each rule fails.
#pragma warning disable CA1812, CA1822, CA1034, CA1052
namespace Platform.ArchitectureTests.Samples.Domain
{
    public sealed class PlainEntity
    {
        public int Value { get; set; }
    }

    public sealed class EntityThatSavesItself
    {
        public Microsoft.EntityFrameworkCore.DbContext? Context { get; set; }
    }

    public sealed class EntityThatCallsAnEndpoint
    {
        public Apis.EndpointThatCallsAConsumer? Endpoint { get; set; }
    }
}

namespace Platform.ArchitectureTests.Samples.Apis
{
    public sealed class EndpointThatCallsAConsumer
    {
        public IntegrationEvents.SampleConsumer? Consumer { get; set; }

        public Platform.Workforce.Apis.EstablishmentApi.PostResponse? OtherServicesType { get; set; }
    }
}

namespace Platform.ArchitectureTests.Samples.IntegrationEvents
{
    public sealed class SampleConsumer;
}

namespace Platform.ArchitectureTests.Samples.Contracts
{
    public sealed record ContractWithAQuery(Microsoft.EntityFrameworkCore.DbContext? Context);
}
