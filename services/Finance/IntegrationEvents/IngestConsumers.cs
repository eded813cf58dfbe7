using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Finance.V1;
using Platform.Finance.Apis;
using Platform.Finance.Domain;
using Platform.Finance.Forecasting;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Finance.IntegrationEvents;

/// <summary>
/// A ledger's actual-spend line from the departmental ingest: checked and recorded like <c>POST /actuals</c> (it replaces the
/// cost centre's line and period) and the forecast recalculated. A refused line ends in the _error queue with the reason.
/// </summary>
public sealed class RecordActualSpendConsumer(FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock)
    : InboxConsumer<RecordActualSpend, FinanceDbContext>(db)
{
    protected override async Task HandleAsync(RecordActualSpend message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.FinancialYear(message.FinancialYear);
        validator.When(message.Period is < 1 or > 12, "period", "Must be 1 (April) to 12 (March).");
        validator.BudgetLine(message.BudgetLineCode);
        validator.Money("amount", message.Amount, -Actual.MaxAmount, Actual.MaxAmount);
        var centre = message.CostCentreCode.ToUpperInvariant();
        if (validator.IsValid && !await Db.CostCentres.AnyAsync(c => c.Code == centre, cancellationToken))
        {
            validator.Add("costCentreCode", $"Cost centre {centre} does not exist.");
        }
        if (!validator.IsValid)
        {
            var (field, messages) = validator.ToProblem().ProblemDetails.Errors.First();
            throw DomainRuleException.ForField(field, string.Join(" ", messages));
        }

        var year = new FinancialYear(message.FinancialYear);
        var actual = await ActualsApi.Upsert(Db, year, message.Period, centre, message.BudgetLineCode, message.Amount, message.RecordedBy,
            clock.GetUtcNow(), cancellationToken);
        await forecast.RecalculateAsync(year.StartYear, [actual.BudgetLineCode], year.Period(actual.Period).To, cancellationToken);
    }
}
