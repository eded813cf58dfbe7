using Microsoft.Extensions.Logging;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Finance.IntegrationEvents;

/// <summary>
/// Base of the consumers of the events that change commitments (posts, agency workers, redundancies, placements):
/// taken in batches, each event re-commits its source, and the forecast of each year the batch touched is
/// recalculated once, at the end of the batch, in its transaction.
/// </summary>
public abstract class CommitmentConsumer<TMessage>(FinanceDbContext db, CommitmentUpdater commitments, ILogger logger)
    : BatchInboxConsumer<TMessage, FinanceDbContext>(db, logger)
    where TMessage : class
{
    protected CommitmentUpdater Commitments { get; } = commitments;

    protected override Task CompleteBatchAsync(CancellationToken cancellationToken) => Commitments.RecalculateForecastsAsync(cancellationToken);
}
