using Platform.Contracts;
using Platform.Finance.Domain;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Messaging;
using V1 = Platform.Contracts.Finance.V1;

namespace Platform.Finance.IntegrationEvents;

/// <summary>
/// Finance's domain events as the messages other services hear, in one place: every save writes these to the outbox
/// in its own transaction, so a change and its event commit together.
/// </summary>
public sealed class FinanceIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(IDomainEvent domainEvent) => domainEvent switch
    {
        BudgetSetDomainEvent e => [new V1.BudgetSet(e.FinancialYear, e.CostCentreCode, e.BudgetLineCode, e.Amount, e.ApprovedBy, e.ApprovedOn)],
        VirementApprovedDomainEvent e => [new V1.VirementApproved(e.VirementId, e.FinancialYear, e.Reason,
            [.. e.Moves.Select(m => new V1.VirementLine(m.CostCentreCode, m.BudgetLineCode, m.Amount))], e.ApprovedBy, e.ApprovedOn)],
        SavingsTargetMissedDomainEvent e => [new V1.SavingsTargetMissed(e.SavingsTargetId, e.FinancialYear, e.OwningService, e.BudgetLineCode,
            e.Target, e.Delivered, e.Shortfall)],
        ForecastUpdatedDomainEvent { Line: var line } e => [new V1.ForecastUpdated(e.FinancialYear, line.BudgetLineCode, line.Budget, line.Actuals,
            line.Commitments, line.Adjustments, line.UnmetSavings, line.Forecast, line.Variance, e.TotalBudget, e.TotalForecast, e.AsAt)],
        OverspendThresholdCrossedDomainEvent e => [new V1.OverspendThresholdCrossed(e.FinancialYear, e.ForecastOverspend, e.Threshold,
            e.Above ? "above" : "below", e.AsAt)],
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "Finance raises no such domain event."),
    };
}
