using Microsoft.EntityFrameworkCore;
using Platform.Finance.Domain;
using Platform.Finance.Application;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Application;

/// <summary>
/// A cost centre's actual spend on an S251 line in a period (1 = April … 12 = March): it replaces what was recorded
/// for the same cost centre, line and period, and the year's forecast is recalculated. Called by <c>POST /actuals</c>
/// and by the ledger's actual-spend lines from the departmental ingest.
/// </summary>
public sealed class RecordActual(FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock)
{
    /// <summary><paramref name="RecordedBy"/> is the token's subject, or the ingest's sender: never a field the caller sets.</summary>
    public sealed record Command(int? FinancialYear, int? Period, string? CostCentreCode, string? BudgetLineCode, decimal? Amount, string RecordedBy);

    public async Task<Outcome<Actual>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validator = new RequestValidator();
        validator.FinancialYear(command.FinancialYear);
        if (validator.Required("period", command.Period)) validator.When(command.Period is < 1 or > 12, "period", "Must be 1 (April) to 12 (March).");
        validator.Required("costCentreCode", command.CostCentreCode, 40);
        validator.BudgetLine(command.BudgetLineCode);
        validator.Money("amount", command.Amount, -Actual.MaxAmount, Actual.MaxAmount);
        if (!validator.IsValid) return Outcome.Refused<Actual>(validator);

        var centre = command.CostCentreCode!.ToUpperInvariant();
        if (!await db.CostCentres.AnyAsync(c => c.Code == centre, cancellationToken))
        {
            return Outcome.Refused<Actual>(validator.Add("costCentreCode", $"Cost centre {centre} does not exist."));
        }

        var year = new FinancialYear(command.FinancialYear!.Value);
        await using var transaction = await db.BeginUseCaseTransactionAsync(cancellationToken);
        var actual = await UpsertAsync(db, year, command.Period!.Value, centre, command.BudgetLineCode!, command.Amount!.Value, command.RecordedBy,
            clock.GetUtcNow(), cancellationToken);
        await forecast.RecalculateAsync(year.StartYear, [actual.BudgetLineCode], year.Period(actual.Period).To, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return Outcome.Done(actual);
    }

    /// <summary>Records the amount of a cost centre's line and period, replacing an earlier one (also used by the ledger import).</summary>
    internal static async Task<Actual> UpsertAsync(FinanceDbContext db, FinancialYear year, int period, string centre, string line, decimal amount, string user,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var actual = await db.Actuals.FindAsync([year.StartYear, period, centre, line], cancellationToken);
        if (actual is null)
        {
            actual = new Actual(year, period, centre, line, amount, user, now);
            db.Actuals.Add(actual);
        }
        else
        {
            actual.Record(amount, user, now);
        }
        return actual;
    }
}
