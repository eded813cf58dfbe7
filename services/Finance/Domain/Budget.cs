using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

public enum BudgetChangeKind
{
    /// <summary>The original budget set before the year.</summary>
    Original,
    /// <summary>An approved change (growth or a reduction).</summary>
    Change,
    /// <summary>One line of an approved virement.</summary>
    Virement,
}

/// <summary>
/// The budget of one S251 line of one cost centre in one financial year: the original budget and every approved
/// change, each with who approved it and when. The current budget is the original plus the changes.
/// </summary>
public sealed class Budget : Entity
{
    private readonly List<BudgetChange> _changes = [];

    /// <summary>Largest budget, or change to one, the service accepts for a single line (£1bn).</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    private Budget() { }

    public Budget(Guid id, FinancialYear year, string costCentreCode, string budgetLineCode, decimal original, string reason, string approvedBy, DateOnly approvedOn, DateTimeOffset recordedAt)
    {
        if (!BudgetLineCodes.All.ContainsKey(budgetLineCode)) throw DomainRuleException.ForField("budgetLineCode", $"Unknown budget line '{budgetLineCode}'.");
        if (original is < 0 or > MaxAmount) throw DomainRuleException.ForField("amount", "An original budget is between £0 and £1bn.");
        Id = id;
        FinancialYear = year.StartYear;
        CostCentreCode = costCentreCode;
        BudgetLineCode = budgetLineCode;
        OriginalAmount = original;
        CurrentAmount = original;
        _changes.Add(new BudgetChange(Guid.CreateVersion7(), id, BudgetChangeKind.Original, original, reason, approvedBy, approvedOn, recordedAt, null));
        Raise(new BudgetSetDomainEvent(FinancialYear, CostCentreCode, BudgetLineCode, CurrentAmount, approvedBy, approvedOn));
    }

    public Guid Id { get; private set; }

    public int FinancialYear { get; private set; }

    public string CostCentreCode { get; private set; } = "";

    public string BudgetLineCode { get; private set; } = "";

    public decimal OriginalAmount { get; private set; }

    /// <summary>Original budget plus every approved change.</summary>
    public decimal CurrentAmount { get; private set; }

    public IReadOnlyList<BudgetChange> Changes => _changes;

    /// <summary>Concurrency token (PostgreSQL xmin): two requests changing it at once cannot both win.</summary>
    public uint Version { get; private set; }

    /// <summary>Applies an approved change; a budget can never go below zero.</summary>
    public BudgetChange Change(BudgetChangeKind kind, decimal amount, string reason, string approvedBy, DateOnly approvedOn, DateTimeOffset recordedAt, Guid? virementId, string field = "amount")
    {
        if (amount == 0) throw DomainRuleException.ForField(field, "A change must move the budget.");
        if (Math.Abs(amount) > MaxAmount) throw DomainRuleException.ForField(field, "A change is at most £1bn.");
        if (CurrentAmount + amount < 0)
        {
            throw DomainRuleException.ForField(field, $"The budget of {CostCentreCode}/{BudgetLineCode} is £{CurrentAmount:N2}; taking £{-amount:N2} would leave it below zero.");
        }
        var year = new FinancialYear(FinancialYear);
        if (approvedOn < year.Start.AddYears(-1) || approvedOn > year.End.AddYears(1))
        {
            throw DomainRuleException.ForField("approvedOn", $"A change to a {year.Name} budget is approved between {year.Start.AddYears(-1):yyyy-MM-dd} and {year.End.AddYears(1):yyyy-MM-dd}.");
        }
        CurrentAmount += amount;
        var change = new BudgetChange(Guid.CreateVersion7(), Id, kind, amount, reason, approvedBy, approvedOn, recordedAt, virementId);
        _changes.Add(change);
        Raise(new BudgetSetDomainEvent(FinancialYear, CostCentreCode, BudgetLineCode, CurrentAmount, approvedBy, approvedOn));
        return change;
    }
}

/// <summary>One entry of a budget's audit trail: what changed, by how much, why, who approved it and when.</summary>
public sealed class BudgetChange
{
    private BudgetChange() { }

    internal BudgetChange(Guid id, Guid budgetId, BudgetChangeKind kind, decimal amount, string reason, string approvedBy, DateOnly approvedOn, DateTimeOffset recordedAt, Guid? virementId)
    {
        Id = id;
        BudgetId = budgetId;
        Kind = kind;
        Amount = amount;
        Reason = reason;
        ApprovedBy = approvedBy;
        ApprovedOn = approvedOn;
        RecordedAt = recordedAt;
        VirementId = virementId;
    }

    public Guid Id { get; private set; }

    public Guid BudgetId { get; private set; }

    public BudgetChangeKind Kind { get; private set; }

    /// <summary>The original amount, or the change (positive adds budget).</summary>
    public decimal Amount { get; private set; }

    public string Reason { get; private set; } = "";

    public string ApprovedBy { get; private set; } = "";

    public DateOnly ApprovedOn { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid? VirementId { get; private set; }
}
