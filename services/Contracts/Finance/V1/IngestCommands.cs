using Platform.Contracts.Ingest.V1;

namespace Platform.Contracts.Finance.V1;

/// <summary>
/// A ledger's actual-spend line, sent by the Ingest service: replaces the actual of the cost centre, S251 line and
/// period (1 = April … 12 = March) of the financial year (named by its start year).
/// </summary>
/// <param name="RecordedBy">Who recorded it: <c>ingest:</c> and the CloudEvents source.</param>
public sealed record RecordActualSpend(
    int FinancialYear,
    int Period,
    string CostCentreCode,
    string BudgetLineCode,
    decimal Amount,
    string RecordedBy) : IngestCommand;
