namespace Platform.Contracts.Finance.V1;

// Money is in pounds as decimal, unrounded; financial years are named by their start year (2019 = 2019-20).

/// <summary>
/// The forecast outturn of a line changed (an event arrived, actuals were recorded, an adjustment or a
/// virement was made). Carries the line and the year's totals, so consumers need no aggregation.
/// Forecast = actuals to date + commitments + adjustments + unmet savings; variance = forecast − budget.
/// </summary>
public sealed record ForecastUpdated(
    int FinancialYear,
    string BudgetLineCode,
    decimal Budget,
    decimal Actuals,
    decimal Commitments,
    decimal Adjustments,
    decimal UnmetSavings,
    decimal Forecast,
    decimal Variance,
    decimal TotalBudget,
    decimal TotalForecast,
    DateOnly AsAt) : IntegrationEvent;

/// <summary>A budget was set (original budget or an approved change) for a line of a cost centre.</summary>
public sealed record BudgetSet(int FinancialYear, string CostCentreCode, string BudgetLineCode, decimal Amount, string ApprovedBy, DateOnly ApprovedOn) : IntegrationEvent;

/// <summary>One line of a virement: a positive amount adds budget to the line, a negative one takes it away.</summary>
public sealed record VirementLine(string CostCentreCode, string BudgetLineCode, decimal Amount);

/// <summary>A virement was approved; its lines sum to zero.</summary>
public sealed record VirementApproved(Guid VirementId, int FinancialYear, string Reason, IReadOnlyList<VirementLine> Lines, string ApprovedBy, DateOnly ApprovedOn) : IntegrationEvent;

/// <summary>The year's forecast overspend (total forecast − total budget) crossed the configured threshold.</summary>
/// <param name="Direction"><c>above</c> when it rose past the threshold, <c>below</c> when it fell back.</param>
public sealed record OverspendThresholdCrossed(int FinancialYear, decimal ForecastOverspend, decimal Threshold, string Direction, DateOnly AsAt) : IntegrationEvent;

/// <summary>A savings target was marked missed or closed with a shortfall; the shortfall feeds the forecast.</summary>
public sealed record SavingsTargetMissed(Guid SavingsTargetId, int FinancialYear, string OwningService, string BudgetLineCode, decimal Target, decimal Delivered, decimal Shortfall) : IntegrationEvent;
