using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Finance.V1;
using Platform.Contracts.Workforce.V1;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Finance.IntegrationEvents;

/// <summary>Commits a new post's cost for the rest of its first financial year and publishes the moved forecast.</summary>
public sealed class PostCreatedConsumer(FinanceDbContext db) : InboxConsumer<PostCreated, FinanceDbContext>(db)
{
    protected override async Task HandleAsync(PostCreated message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var commitment = Commitment.ForPost(message.PostId, message.BudgetLineCode, message.AnnualCost, message.EffectiveFrom);
        var existing = await Db.Commitments.FindAsync([commitment.Source, commitment.FinancialYear], cancellationToken);
        if (existing is not null) Db.Commitments.Remove(existing);
        Db.Commitments.Add(commitment);

        var otherCommitments = await Db.Commitments
            .Where(c => c.FinancialYear == commitment.FinancialYear && c.BudgetLineCode == commitment.BudgetLineCode && c.Source != commitment.Source)
            .SumAsync(c => c.Amount, cancellationToken);
        Db.AddIntegrationEvent(new ForecastUpdated(commitment.FinancialYear, commitment.BudgetLineCode, otherCommitments + commitment.Amount));
    }
}
