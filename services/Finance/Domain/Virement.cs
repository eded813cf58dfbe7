using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

public enum VirementStatus
{
    Draft,
    Approved,
    Rejected,
}

/// <summary>One move of a virement: a positive amount adds budget to the cost centre's line, a negative one takes it away.</summary>
public sealed class VirementMove
{
    public string CostCentreCode { get; set; } = "";

    public string BudgetLineCode { get; set; } = "";

    public decimal Amount { get; set; }
}

/// <summary>
/// A formally approved transfer of budget between lines or cost centres within a year. It can never create or
/// destroy money: its moves sum to exactly zero, so approving it leaves the year's total budget unchanged.
/// Draft → approved (the budgets change) or rejected.
/// </summary>
public sealed class Virement : Entity
{
    public const int MaxMoves = 50;

    private Virement() { }

    public Virement(Guid id, FinancialYear year, string reason, IReadOnlyList<VirementMove> moves, string raisedBy, DateTimeOffset raisedAt)
    {
        if (moves.Count < 2) throw DomainRuleException.ForField("lines", "A virement moves budget from at least one line to at least one other.");
        if (moves.Count > MaxMoves) throw DomainRuleException.ForField("lines", $"A virement has at most {MaxMoves} lines.");
        for (var i = 0; i < moves.Count; i++)
        {
            if (moves[i].Amount == 0) throw DomainRuleException.ForField($"lines[{i}].amount", "Each line must move money.");
            if (!BudgetLineCodes.All.ContainsKey(moves[i].BudgetLineCode)) throw DomainRuleException.ForField($"lines[{i}].budgetLineCode", "Unknown budget line.");
        }
        var sum = moves.Sum(m => m.Amount);
        if (sum != 0)
        {
            throw DomainRuleException.ForField("lines", $"A virement must balance: its lines sum to £{sum:N2}, not £0. It would {(sum > 0 ? "create" : "destroy")} money.");
        }
        if (moves.GroupBy(m => (m.CostCentreCode, m.BudgetLineCode)).Any(g => g.Count() > 1))
        {
            throw DomainRuleException.ForField("lines", "Each cost centre and line appears once.");
        }
        Id = id;
        FinancialYear = year.StartYear;
        Reason = reason;
        Moves = [.. moves];
        RaisedBy = raisedBy;
        RaisedAt = raisedAt;
        Status = VirementStatus.Draft;
    }

    public Guid Id { get; private set; }

    public int FinancialYear { get; private set; }

    public string Reason { get; private set; } = "";

    public List<VirementMove> Moves { get; private set; } = [];

    public VirementStatus Status { get; private set; }

    public string RaisedBy { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public string? RejectionReason { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): two requests changing it at once cannot both win.</summary>
    public uint Version { get; private set; }

    /// <summary>Moves every line's budget; a line without a budget yet gets one (original £0, the virement as its change).</summary>
    public void Approve(IReadOnlyDictionary<(string CostCentreCode, string BudgetLineCode), Budget> budgets, string approvedBy, DateOnly approvedOn, DateTimeOffset now)
    {
        EnsureDraft();
        foreach (var move in Moves)
        {
            budgets[(move.CostCentreCode, move.BudgetLineCode)].Change(BudgetChangeKind.Virement, move.Amount, $"Virement: {Reason}", approvedBy, approvedOn, now, Id, "lines");
        }
        Status = VirementStatus.Approved;
        DecidedBy = approvedBy;
        DecidedOn = approvedOn;
        Raise(new VirementApprovedDomainEvent(Id, FinancialYear, Reason, [.. Moves], approvedBy, approvedOn));
    }

    public void Reject(string reason, string rejectedBy, DateOnly rejectedOn)
    {
        EnsureDraft();
        Status = VirementStatus.Rejected;
        RejectionReason = reason;
        DecidedBy = rejectedBy;
        DecidedOn = rejectedOn;
    }

    private void EnsureDraft()
    {
        if (Status != VirementStatus.Draft)
        {
            throw DomainRuleException.Conflict($"This virement is already {Status.ToString().ToLowerInvariant()}.");
        }
    }
}
