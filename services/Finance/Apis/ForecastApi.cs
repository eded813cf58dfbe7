using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Application;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Apis;

/// <summary>The forecast outturn per line and in total, and the manual adjustments that feed it.</summary>
public static class ForecastApi
{
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/forecast", GetForecast).WithTags("Forecast")
            .WithSummary("Forecast outturn of a year per S251 line and in total, against budget")
            .WithDescription("Forecast = actuals to date + commitments + manual adjustments + unmet savings; variance = forecast − budget (positive is an overspend). " +
                "Amounts are rounded to pence here only.");

        var adjustments = app.MapGroup("/adjustments").WithTags("Forecast");
        adjustments.MapPost("/", AddAdjustment).WithSummary("Add a manual forecast adjustment to a line")
            .WithDescription("Positive adds to the forecast (e.g. expected new demand), negative reduces it. Publishes ForecastUpdated, and OverspendThresholdCrossed when the year's overspend crosses the threshold.");
        adjustments.MapGet("/", ListAdjustments).WithSummary("List a year's forecast adjustments");
        return app;
    }

    public sealed record LineForecastResponse(string BudgetLineCode, string BudgetLineName, decimal Budget, decimal Actuals, decimal Commitments,
        decimal Adjustments, decimal UnmetSavings, decimal Forecast, decimal Variance, bool Overspent);

    public sealed record ForecastResponse(int FinancialYear, string FinancialYearName, IReadOnlyList<LineForecastResponse> Lines,
        decimal TotalBudget, decimal TotalForecast, decimal TotalVariance, decimal OverspendThreshold, bool AboveThreshold)
    {
        /// <summary>The board's measure (docs/measures.md): the overspend, or null while the year has no budget or no forecast.</summary>
        public decimal? ForecastOverspend { get; init; }
    }

    public sealed record AddAdjustmentRequest(
        [property: RequiredField, FinancialYear] int? FinancialYear,
        [property: RequiredField, BudgetLineCode] string? BudgetLineCode,
        [property: RequiredField, Money(MoneyRange.EitherWay)] decimal? Amount,
        [property: RequiredField, MaxChars(500)] string? Reason,
        [property: RequiredField, BusinessDate] DateOnly? AsAt);

    public sealed record AdjustmentResponse(Guid Id, int FinancialYear, string BudgetLineCode, decimal Amount, string Reason, string MadeBy, DateOnly AsAt, DateTimeOffset RecordedAt);

    internal static async Task<Results<Ok<ForecastResponse>, ValidationProblem>> GetForecast(
        [RequiredField, FinancialYear] int? financialYear, ForecastRecalculator forecast, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(ToResponse(await forecast.ComputeAsync(financialYear!.Value, cancellationToken), forecast.Threshold));
    }

    internal static ForecastResponse ToResponse(YearForecast forecast, decimal threshold) =>
        new(forecast.FinancialYear, new FinancialYear(forecast.FinancialYear).Name,
            forecast.Lines.Select(l => new LineForecastResponse(l.BudgetLineCode, BudgetLineCodes.NameOf(l.BudgetLineCode), ApiHelpers.Pence(l.Budget),
                ApiHelpers.Pence(l.Actuals), ApiHelpers.Pence(l.Commitments), ApiHelpers.Pence(l.Adjustments), ApiHelpers.Pence(l.UnmetSavings),
                ApiHelpers.Pence(l.Forecast), ApiHelpers.Pence(l.Variance), l.Variance > 0)).ToList(),
            ApiHelpers.Pence(forecast.TotalBudget), ApiHelpers.Pence(forecast.TotalForecast), ApiHelpers.Pence(forecast.TotalVariance),
            threshold, forecast.TotalVariance > threshold)
        {
            ForecastOverspend = FinanceMeasureSource.Overspend(forecast).Value,
        };

    internal static async Task<Results<Created<AdjustmentResponse>, ValidationProblem>> AddAdjustment(
        AddAdjustmentRequest request, HttpContext http, FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock, CancellationToken cancellationToken)
    {
        var year = new FinancialYear(request.FinancialYear!.Value);
        var adjustment = new ForecastAdjustment(Guid.CreateVersion7(), year, request.BudgetLineCode!, request.Amount!.Value, request.Reason!.Trim(),
            ApiHelpers.UserOf(http), request.AsAt!.Value, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ForecastAdjustments.Add(adjustment);
        await forecast.RecalculateAsync(year.StartYear, [adjustment.BudgetLineCode], adjustment.AsAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/adjustments?financialYear={year.StartYear}", ToResponse(adjustment));
    }

    internal static async Task<Results<Ok<Page<AdjustmentResponse>>, ValidationProblem>> ListAdjustments(
        [RequiredField, FinancialYear] int? financialYear, string? budgetLineCode, [AsParameters] PageRequest paging, FinanceDbContext db,
        CancellationToken cancellationToken)
    {
        var query = db.ForecastAdjustments.AsNoTracking().Where(a => a.FinancialYear == financialYear);
        if (!string.IsNullOrWhiteSpace(budgetLineCode)) query = query.Where(a => a.BudgetLineCode == budgetLineCode);
        var page = await paging.ApplyAsync(query.OrderBy(a => a.RecordedAt).ThenBy(a => a.Id), cancellationToken);
        return TypedResults.Ok(new Page<AdjustmentResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static AdjustmentResponse ToResponse(ForecastAdjustment a) =>
        new(a.Id, a.FinancialYear, a.BudgetLineCode, a.Amount, a.Reason, a.MadeBy, a.AsAt, a.RecordedAt);
}
