namespace Platform.Tools.DemoLoader.Requests;

// Request bodies of Finance's API (POST /api/finance/...), as the demo sends them.

internal sealed record CostCentreRequest(string Code, string Name, string Service);

internal sealed record BudgetRequest(int FinancialYear, string CostCentreCode, string BudgetLineCode, decimal Amount, string Reason, DateOnly ApprovedOn);

internal sealed record VirementLineRequest(string CostCentreCode, string BudgetLineCode, decimal Amount);

internal sealed record VirementRequest(int FinancialYear, string Reason, IReadOnlyList<VirementLineRequest> Lines);

/// <summary>Approving a virement or a restructure programme.</summary>
internal sealed record ApprovalRequest(DateOnly ApprovedOn);

internal sealed record SavingsTargetRequest(int FinancialYear, string Name, string OwningService, string BudgetLineCode, decimal Target);

internal sealed record SavingsProgressRequest(string Status, decimal Delivered, DateOnly AsAt);

internal sealed record AdjustmentRequest(int FinancialYear, string BudgetLineCode, decimal Amount, string Reason, DateOnly AsAt);
