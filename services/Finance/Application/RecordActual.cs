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
    /// <summary>
    /// <paramref name="Actual"/> is the request (or the ingest line) as sent; <paramref name="RecordedBy"/> is the token's
    /// subject, or the ingest's sender: never a field the caller sets.
    /// </summary>
    public sealed record Command(RecordActualRequest Actual, string RecordedBy);

    public async Task<Outcome<Actual>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // POST /actuals was checked against the request's declared rules before it got here; an ingest line is checked now.
        var request = command.Actual;
        if (RequestValidation.Check(request) is { Count: > 0 } errors) return Outcome.Refused<Actual>(errors);

        var centre = request.CostCentreCode!.ToUpperInvariant();
        if (!await db.CostCentres.AnyAsync(c => c.Code == centre, cancellationToken))
        {
            return Outcome.Refused<Actual>(new RequestValidator().Add("costCentreCode", $"Cost centre {centre} does not exist."));
        }

        var year = new FinancialYear(request.FinancialYear!.Value);
        await using var transaction = await db.BeginUseCaseTransactionAsync(cancellationToken);
        var actual = await UpsertAsync(db, year, request.Period!.Value, centre, request.BudgetLineCode!, request.Amount!.Value, command.RecordedBy,
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

/// <summary>An actual spend as <c>POST /actuals</c> (and the ledger's ingest line) sends it.</summary>
public sealed record RecordActualRequest(
    [property: RequiredField, FinancialYear] int? FinancialYear,
    [property: RequiredField, Period] int? Period,
    [property: RequiredField, MaxChars(40)] string? CostCentreCode,
    [property: RequiredField, BudgetLineCode] string? BudgetLineCode,
    [property: RequiredField, Money(MoneyRange.EitherWay)] decimal? Amount);
