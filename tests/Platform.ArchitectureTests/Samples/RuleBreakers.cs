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

    public sealed class EntityThatBuildsAMessage
    {
        public Contracts.ContractWithAQuery? Message { get; set; }
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

    /// <summary>A consumer using endpoint code as a library, as the ingest consumers once did.</summary>
    public sealed class ConsumerThatCallsAnEndpoint
    {
        public Apis.EndpointThatCallsAConsumer? Endpoint { get; set; }
    }

    public sealed class ConsumerThatCallsAUseCase
    {
        public Application.SampleUseCase? UseCase { get; set; }
    }
}

namespace Platform.ArchitectureTests.Samples.Application
{
    public sealed class SampleUseCase;

    /// <summary>A use case that reaches out to an endpoint or a consumer instead of being called by them.</summary>
    public sealed class UseCaseThatCallsOutward
    {
        public Apis.EndpointThatCallsAConsumer? Endpoint { get; set; }

        public IntegrationEvents.SampleConsumer? Consumer { get; set; }
    }
}

namespace Platform.ArchitectureTests.Samples.Contracts
{
    public sealed record ContractWithAQuery(Microsoft.EntityFrameworkCore.DbContext? Context);
}

namespace Platform.ArchitectureTests.Samples.Forecasting
{
    /// <summary>Code in a folder of its own instead of one of the layers.</summary>
    public sealed class RecalculatorOutsideTheLayers;
}
