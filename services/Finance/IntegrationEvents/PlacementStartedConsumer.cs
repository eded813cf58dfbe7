using Platform.Contracts.Placements.V1;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Finance.IntegrationEvents;

/// <summary>Commits a new placement's weekly cost to the end of the financial year it starts in.</summary>
public sealed class PlacementStartedConsumer(FinanceDbContext db) : InboxConsumer<PlacementStarted, FinanceDbContext>(db)
{
    protected override async Task HandleAsync(PlacementStarted message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var commitment = Commitment.ForPlacement(message.EpisodeId, message.PlacementType, message.WeeklyCost, message.StartDate);
        if (await Db.Commitments.FindAsync([commitment.Source, commitment.FinancialYear], cancellationToken) is { } existing)
        {
            Db.Commitments.Remove(existing);
        }
        Db.Commitments.Add(commitment);
    }
}
