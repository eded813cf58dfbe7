namespace Platform.Contracts.Finance.V1;

/// <summary>Finance's forecast outturn for a financial year changed because a commitment was added or changed.</summary>
/// <param name="FinancialYear">Start year of the April–March financial year, e.g. 2019 for 2019-20.</param>
/// <param name="BudgetLineCode">The S251 line whose forecast moved.</param>
/// <param name="Commitments">Total commitments on the line for the year, in pounds.</param>
public sealed record ForecastUpdated(int FinancialYear, string BudgetLineCode, decimal Commitments) : IntegrationEvent;
