using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

public enum SavingsStatus
{
    /// <summary>Approved, not started; assumed to be delivered.</summary>
    Planned,
    /// <summary>Green: delivery on track.</summary>
    OnTrack,
    /// <summary>Amber/red: the shortfall is expected and added to the forecast.</summary>
    AtRisk,
    /// <summary>Delivered in full.</summary>
    Delivered,
    /// <summary>Missed (marked, or closed at year end with a shortfall); the shortfall is added to the forecast.</summary>
    Missed,
}

/// <summary>
/// One measure of a year's savings programme: the saving its owning service must make on a line, how much it has
/// delivered and its status. Budgets are set net of the saving, so an undelivered saving is an overspend: the
/// shortfall of a target at risk or missed feeds the forecast.
/// </summary>
public sealed class SavingsTarget : Entity
{
    private SavingsTarget() { }

    public SavingsTarget(Guid id, FinancialYear year, string name, string owningService, string budgetLineCode, decimal target)
    {
        if (!BudgetLineCodes.All.ContainsKey(budgetLineCode)) throw DomainRuleException.ForField("budgetLineCode", $"Unknown budget line '{budgetLineCode}'.");
        if (target is <= 0 or > Budget.MaxAmount) throw DomainRuleException.ForField("target", "A target is more than £0 and at most £1bn.");
        Id = id;
        FinancialYear = year.StartYear;
        Name = name;
        OwningService = owningService;
        BudgetLineCode = budgetLineCode;
        Target = target;
        Status = SavingsStatus.Planned;
    }

    public Guid Id { get; private set; }

    public int FinancialYear { get; private set; }

    public string Name { get; private set; } = "";

    public string OwningService { get; private set; } = "";

    public string BudgetLineCode { get; private set; } = "";

    public decimal Target { get; private set; }

    public decimal Delivered { get; private set; }

    public SavingsStatus Status { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): two requests changing it at once cannot both win.</summary>
    public uint Version { get; private set; }

    public decimal Shortfall => Math.Max(0, Target - Delivered);

    /// <summary>What the forecast carries for this target: its shortfall when at risk or missed.</summary>
    public decimal Unmet => Status is SavingsStatus.AtRisk or SavingsStatus.Missed ? Shortfall : 0;

    /// <summary>Reports progress; a target just missed is published.</summary>
    public void Report(SavingsStatus status, decimal delivered)
    {
        if (delivered is < 0 or > Budget.MaxAmount) throw DomainRuleException.ForField("delivered", "Delivered is between £0 and £1bn.");
        if (status == SavingsStatus.Delivered && delivered < Target)
        {
            throw DomainRuleException.ForField("status", $"Delivered £{delivered:N2} of £{Target:N2}: a target is delivered only in full; mark it missed or at risk.");
        }
        if (Status == SavingsStatus.Missed && status != SavingsStatus.Missed)
        {
            throw DomainRuleException.Conflict("A missed target is closed.", "status");
        }
        var wasMissed = Status == SavingsStatus.Missed;
        Status = status;
        Delivered = delivered;
        if (Status == SavingsStatus.Missed && !wasMissed) RaiseMissed();
    }

    /// <summary>Year end: a target not delivered in full is missed. True when it has just been missed.</summary>
    public bool CloseYear()
    {
        if (Status is SavingsStatus.Missed or SavingsStatus.Delivered) return false;
        if (Delivered >= Target)
        {
            Status = SavingsStatus.Delivered;
            return false;
        }
        Status = SavingsStatus.Missed;
        RaiseMissed();
        return true;
    }

    private void RaiseMissed() =>
        Raise(new SavingsTargetMissedDomainEvent(Id, FinancialYear, OwningService, BudgetLineCode, Target, Delivered, Shortfall));
}
