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

        var yearCommitments = await Db.Commitments
            .Where(c => c.FinancialYear == commitment.FinancialYear && c.Source != commitment.Source)
            .GroupBy(c => c.BudgetLineCode == commitment.BudgetLineCode)
            .Select(g => new { SameLine = g.Key, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(cancellationToken);
        var line = yearCommitments.Where(g => g.SameLine).Sum(g => g.Amount) + commitment.Amount;
        var total = yearCommitments.Sum(g => g.Amount) + commitment.Amount;
        // No budgets, actuals or adjustments are recorded yet, so the forecast is the commitments alone.
        Db.AddIntegrationEvent(new ForecastUpdated(commitment.FinancialYear, commitment.BudgetLineCode,
            Budget: 0, Actuals: 0, Commitments: line, Adjustments: 0, UnmetSavings: 0, Forecast: line, Variance: line,
            TotalBudget: 0, TotalForecast: total, AsAt: message.EffectiveFrom));
    }
}
