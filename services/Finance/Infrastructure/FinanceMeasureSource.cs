using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Finance.V1;
using Platform.Finance.Domain;
using Platform.Finance.Application;
using Platform.ServiceDefaults.Measures;

namespace Platform.Finance.Infrastructure;

/// <summary>
/// Finance's published measure (docs/measures.md): on any date, the forecast overspend of the financial year the date
/// falls in (forecast outturn minus budget, in pounds to the penny), as <c>GET /forecast?financialYear=</c> gives it.
/// None while the year has no budget or nothing is forecast for it yet. Scope "" (the whole S251 budget).
/// </summary>
public sealed class FinanceMeasureSource(FinanceDbContext db, ForecastRecalculator forecast) : IMeasureSource
{
    public const string ForecastOverspend = "forecast-overspend";

    public string Owner => "finance";

    public async Task<IReadOnlyList<DateOnly>> ChangeDatesAsync(DateOnly from, int limit, CancellationToken cancellationToken)
    {
        // The value is the year's, so it can only change where a financial year starts; one year past the last with data
        // closes the series.
        // Commitments through their running totals (a row per year and line, not one per commitment).
        var years = db.Budgets.Select(b => b.FinancialYear)
            .Concat(db.Actuals.Select(a => a.FinancialYear)).Concat(db.ForecastAdjustments.Select(a => a.FinancialYear))
            .Concat(db.SavingsTargets.Select(t => t.FinancialYear));
        var (committedFirst, committedLast) = await CommitmentTotalsSql.YearRangeAsync(db, cancellationToken);
        // Min and Max over nullable values skip the nulls: null only when neither has a year.
        var first = new[] { await years.Select(y => (int?)y).MinAsync(cancellationToken), committedFirst }.Min();
        var last = new[] { await years.Select(y => (int?)y).MaxAsync(cancellationToken), committedLast }.Max();
        var dates = new List<DateOnly>();
        if (first is null || last is null) return dates;
        for (var year = Math.Max(FinancialYear.Containing(from).StartYear, first.Value); year <= last.Value + 1 && dates.Count < limit; year++)
        {
            var start = new FinancialYear(year).Start;
            if (start >= from) dates.Add(start);
        }
        return dates;
    }

    public async Task<IReadOnlyList<IReadOnlyList<MeasureValue>>> ValuesOnAsync(IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var byYear = new Dictionary<int, MeasureValue>();
        var result = new List<IReadOnlyList<MeasureValue>>(dates.Count);
        foreach (var date in dates)
        {
            var year = FinancialYear.Containing(date).StartYear;
            if (!byYear.TryGetValue(year, out var value))
            {
                byYear[year] = value = Overspend(await forecast.ComputeAsync(year, cancellationToken));
            }
            result.Add([value]);
        }
        return result;
    }

    /// <summary>The measure's definition on one year's forecast: shared with the forecast API's <c>overspend</c>.</summary>
    public static MeasureValue Overspend(YearForecast year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var budget = decimal.Round(year.TotalBudget, 2, MidpointRounding.AwayFromZero);
        var outturn = decimal.Round(year.TotalForecast, 2, MidpointRounding.AwayFromZero);
        decimal? overspend = budget == 0 || outturn == 0 ? null : decimal.Round(year.TotalVariance, 2, MidpointRounding.AwayFromZero);
        return new MeasureValue(ForecastOverspend, "", overspend, outturn, budget);
    }

    /// <summary>The first business date each Finance event's change can move the measure on: its year's first day.</summary>
    public static DateOnly? AffectedFrom(IntegrationEvent integrationEvent) => integrationEvent switch
    {
        ForecastUpdated e => new FinancialYear(e.FinancialYear).Start,
        BudgetSet e => new FinancialYear(e.FinancialYear).Start,
        VirementApproved e => new FinancialYear(e.FinancialYear).Start,
        SavingsTargetMissed e => new FinancialYear(e.FinancialYear).Start,
        _ => null,
    };
}
