using Platform.Contracts.Placements.V1;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Platform.Finance.IntegrationEvents;

// A placement commits its weekly cost × days / 7 from its start until it ends (or 31 March), on the S251 line
// of its placement type.

/// <summary>A new placement commits its weekly cost from its start.</summary>
public sealed class PlacementStartedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<PlacementStartedConsumer> logger) : CommitmentConsumer<PlacementStarted>(db, commitments, logger)
{
    protected override string SourceOf(PlacementStarted message) => CommitmentSource.ForPlacement(message.EpisodeId);

    protected override Task HandleAsync(PlacementStarted message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.Placement, source =>
        {
            source.Describe(placementType: message.PlacementType);
            source.SetRate(message.StartDate, message.WeeklyCost, PlacementBudgetLines.For(message.PlacementType));
        }, message.StartDate, cancellationToken);
}

/// <summary>A changed placement re-commits from the change's date at its new weekly cost.</summary>
public sealed class PlacementChangedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<PlacementChangedConsumer> logger) : CommitmentConsumer<PlacementChanged>(db, commitments, logger)
{
    protected override string SourceOf(PlacementChanged message) => CommitmentSource.ForPlacement(message.EpisodeId);

    protected override Task HandleAsync(PlacementChanged message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.Placement, source =>
        {
            source.Describe(placementType: message.PlacementType);
            source.SetRate(message.EffectiveFrom, message.WeeklyCost, PlacementBudgetLines.For(message.PlacementType));
        }, message.EffectiveFrom, cancellationToken);
}

/// <summary>An ended placement costs nothing after its end date.</summary>
public sealed class PlacementEndedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<PlacementEndedConsumer> logger) : CommitmentConsumer<PlacementEnded>(db, commitments, logger)
{
    protected override string SourceOf(PlacementEnded message) => CommitmentSource.ForPlacement(message.EpisodeId);

    protected override Task HandleAsync(PlacementEnded message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.Placement,
            source => source.Stop(message.EndDate), message.EndDate, cancellationToken);
}
