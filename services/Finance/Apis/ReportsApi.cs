using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Domain;
using Platform.Finance.Application;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Apis;

/// <summary>Reports as JSON, or CSV with <c>?format=csv</c> or <c>Accept: text/csv</c>.</summary>
public static class ReportsApi
{
    /// <summary>Working days in a full-time year, to annualise an agency day rate (52 weeks × 5 days).</summary>
    public const int WorkingDaysPerYear = 260;

    /// <summary>Weeks in a year of 365 days, to turn an annual cost into a weekly one.</summary>
    public const decimal WeeksPerYear = 365m / 7m;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/budget-vs-forecast", BudgetVsForecast).WithSummary("Budget against forecast outturn by S251 line, with totals")
            .WithDescription("Every S251 line (and other council services when budgeted), as JSON or CSV (?format=csv or Accept: text/csv).");
        reports.MapGet("/unit-costs", UnitCosts).WithSummary("Unit costs of a year: average weekly cost per placement type; cost per social worker FTE, employed vs agency")
            .WithDescription("From the placements, posts and agency workers committed in the year, at the rate in force on their last day in the year. " +
                "Agency cost per FTE annualises the day rate over 260 working days. JSON or CSV.");
        return app;
    }

    public sealed record PlacementTypeCost(string PlacementType, string BudgetLineCode, int Placements, decimal AverageWeeklyCost, decimal CommittedInYear);

    public sealed record StaffCost(string Employment, int Count, decimal Fte, decimal AnnualCostPerFte, decimal WeeklyCostPerFte, decimal CommittedInYear);

    public sealed record UnitCostsResponse(int FinancialYear, string FinancialYearName, IReadOnlyList<PlacementTypeCost> PlacementTypes,
        IReadOnlyList<StaffCost> SocialWorkers, decimal? AgencyPremiumPerFte);

    internal static async Task<Results<Ok<ForecastApi.ForecastResponse>, ContentHttpResult, ValidationProblem>> BudgetVsForecast(
        [RequiredField, FinancialYear] int? financialYear, [OneOf("json", "csv")] string? format, HttpContext http, ForecastRecalculator forecast, CancellationToken cancellationToken)
    {
        var csv = ApiHelpers.WantsCsv(http, format);

        var computed = await forecast.ComputeAsync(financialYear!.Value, cancellationToken);
        // Every S251 line appears, budgeted or not, in statutory order; other lines after them.
        var lines = S251Lines.All.Keys.Concat(computed.Lines.Select(l => l.BudgetLineCode).Where(c => !S251Lines.All.ContainsKey(c)))
            .Select(computed.Line).ToList();
        var report = ForecastApi.ToResponse(computed with { Lines = lines }, forecast.Threshold);
        if (!csv) return TypedResults.Ok(report);

        var rows = report.Lines.Select(l => new object?[] { l.BudgetLineCode, l.BudgetLineName, l.Budget, l.Actuals, l.Commitments, l.Adjustments, l.UnmetSavings, l.Forecast, l.Variance })
            .Append(["total", "Total", report.TotalBudget, null, null, null, null, report.TotalForecast, report.TotalVariance]);
        return TypedResults.Text(ApiHelpers.Csv(
            ["budgetLineCode", "budgetLine", "budget", "actuals", "commitments", "adjustments", "unmetSavings", "forecast", "variance"], rows), "text/csv");
    }

    internal static async Task<Results<Ok<UnitCostsResponse>, ContentHttpResult, ValidationProblem>> UnitCosts(
        [RequiredField, FinancialYear] int? financialYear, [OneOf("json", "csv")] string? format, HttpContext http, FinanceDbContext db, CancellationToken cancellationToken)
    {
        var csv = ApiHelpers.WantsCsv(http, format);

        var year = new FinancialYear(financialYear!.Value);
        var committed = await db.Commitments.AsNoTracking().Where(c => c.FinancialYear == year.StartYear)
            .GroupBy(c => c.Source).Select(g => new { Source = g.Key, Amount = g.Sum(c => c.Amount), To = g.Max(c => c.CommittedTo) })
            .ToDictionaryAsync(g => g.Source, cancellationToken);
        var sourceIds = committed.Keys.ToList();
        var sources = await db.CommitmentSources.AsNoTracking().Where(s => sourceIds.Contains(s.Source)).ToListAsync(cancellationToken);
        var active = sources.Select(s => (Source: s, Rate: s.RateOn(committed[s.Source].To)?.Rate, Committed: committed[s.Source].Amount))
            .Where(x => x.Rate is not null).ToList();

        var placements = active.Where(x => x.Source.Kind == CommitmentKind.Placement && x.Source.PlacementType is not null)
            .GroupBy(x => x.Source.PlacementType!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PlacementTypeCost(g.Key, PlacementBudgetLines.For(g.Key), g.Count(), ApiHelpers.Pence(g.Average(x => x.Rate!.Value)), ApiHelpers.Pence(g.Sum(x => x.Committed))))
            .ToList();

        var social = active.Where(x => x.Source.JobRole == "social-worker" && x.Source.Fte is > 0).ToList();
        var employed = social.Where(x => x.Source.Kind == CommitmentKind.Post).ToList();
        var agency = social.Where(x => x.Source.Kind == CommitmentKind.AgencyWorker).ToList();
        var staff = new List<StaffCost>();
        decimal? employedPerFte = null, agencyPerFte = null;
        if (employed.Count > 0)
        {
            var fte = employed.Sum(x => x.Source.Fte!.Value);
            employedPerFte = employed.Sum(x => x.Rate!.Value) / fte;
            staff.Add(new StaffCost("employed", employed.Count, fte, ApiHelpers.Pence(employedPerFte.Value), ApiHelpers.Pence(employedPerFte.Value / WeeksPerYear), ApiHelpers.Pence(employed.Sum(x => x.Committed))));
        }
        if (agency.Count > 0)
        {
            var fte = agency.Sum(x => x.Source.Fte!.Value);
            agencyPerFte = agency.Average(x => x.Rate!.Value) * WorkingDaysPerYear;
            staff.Add(new StaffCost("agency", agency.Count, fte, ApiHelpers.Pence(agencyPerFte.Value), ApiHelpers.Pence(agencyPerFte.Value / WeeksPerYear), ApiHelpers.Pence(agency.Sum(x => x.Committed))));
        }
        var premium = employedPerFte is { } e && agencyPerFte is { } a ? ApiHelpers.Pence(a - e) : (decimal?)null;
        var report = new UnitCostsResponse(year.StartYear, year.Name, placements, staff, premium);
        if (!csv) return TypedResults.Ok(report);

        var rows = placements.Select(p => new object?[] { "placement", p.PlacementType, p.Placements, null, p.AverageWeeklyCost, null, p.CommittedInYear })
            .Concat(staff.Select(s => new object?[] { "social-worker", s.Employment, s.Count, s.Fte, s.WeeklyCostPerFte, s.AnnualCostPerFte, s.CommittedInYear }));
        return TypedResults.Text(ApiHelpers.Csv(["measure", "category", "count", "fte", "weeklyCost", "annualCostPerFte", "committedInYear"], rows), "text/csv");
    }
}
