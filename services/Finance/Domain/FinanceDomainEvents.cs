using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

// What happens to the council's budgets and forecast, raised by the entity it happens to.
// IntegrationEvents/FinanceIntegrationEvents maps each to the message other services hear.

/// <summary>A budget was set or changed: <paramref name="Amount"/> is the line's budget after the approval.</summary>
public sealed record BudgetSetDomainEvent(int FinancialYear, string CostCentreCode, string BudgetLineCode, decimal Amount, string ApprovedBy,
    DateOnly ApprovedOn) : IDomainEvent;

/// <summary>A virement was approved (its moves sum to zero).</summary>
public sealed record VirementApprovedDomainEvent(Guid VirementId, int FinancialYear, string Reason, IReadOnlyList<VirementMove> Moves,
    string ApprovedBy, DateOnly ApprovedOn) : IDomainEvent;

public sealed record SavingsTargetMissedDomainEvent(Guid SavingsTargetId, int FinancialYear, string OwningService, string BudgetLineCode,
    decimal Target, decimal Delivered, decimal Shortfall) : IDomainEvent;

/// <summary>A line's forecast after a recalculation, with the year's totals, as at the change's business date.</summary>
public sealed record ForecastUpdatedDomainEvent(int FinancialYear, LineForecast Line, decimal TotalBudget, decimal TotalForecast, DateOnly AsAt) : IDomainEvent;

/// <summary>The year's forecast overspend crossed the threshold (<paramref name="Above"/>: upwards).</summary>
public sealed record OverspendThresholdCrossedDomainEvent(int FinancialYear, decimal ForecastOverspend, decimal Threshold, bool Above, DateOnly AsAt) : IDomainEvent;
