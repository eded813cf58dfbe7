using Platform.Contracts.Finance.V1;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Finance.IntegrationEvents;

/// <summary>
/// A ledger's actual-spend line from the departmental ingest: the same use case as <c>POST /actuals</c> (it replaces the
/// cost centre's line and period, and the forecast is recalculated). A refused line ends in the _error queue with the reason.
/// </summary>
public sealed class RecordActualSpendConsumer(FinanceDbContext db, Application.RecordActual recordActual)
    : InboxConsumer<RecordActualSpend, FinanceDbContext>(db)
{
    protected override async Task HandleAsync(RecordActualSpend message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        (await recordActual.HandleAsync(new Application.RecordActual.Command(new Application.RecordActualRequest(message.FinancialYear, message.Period,
            message.CostCentreCode, message.BudgetLineCode, message.Amount), message.RecordedBy), cancellationToken))
            .ResultOrThrow($"Cost centre {message.CostCentreCode} does not exist.");
}
