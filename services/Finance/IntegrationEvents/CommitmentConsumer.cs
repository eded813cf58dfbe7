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

    /// <summary>The commitment source a message changes (<see cref="Domain.CommitmentSource.ForPost"/> and the like).</summary>
    protected abstract string SourceOf(TMessage message);

    // Every read of an event goes through the updater's sources loaded for the batch, so a batch applies set-wise.
    protected override bool AppliesSetWise => true;

    protected override Task PrepareBatchAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken) =>
        Commitments.LoadAsync(messages.Select(SourceOf), cancellationToken);

    protected override void ForgetBatch() => Commitments.Forget();

    // The batch's new sources and commitments go in one INSERT each after the tracked changes: no tracked insert per
    // event, and the totals' trigger runs once per batch rather than once per commitment.
    protected override async Task SaveSetWiseAsync(CancellationToken cancellationToken)
    {
        await Db.SaveChangesAsync(cancellationToken);
        await Commitments.InsertAddedAsync(cancellationToken);
    }

    protected override Task CompleteBatchAsync(CancellationToken cancellationToken) => Commitments.RecalculateForecastsAsync(cancellationToken);
}
