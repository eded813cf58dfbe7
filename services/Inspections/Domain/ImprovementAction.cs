using Platform.ServiceDefaults.Domain;

namespace Platform.Inspections.Domain;

/// <summary>An improvement-plan action answering one area for improvement: owner role, due date, status and evidence.</summary>
public sealed class ImprovementAction : Entity
{
    private ImprovementAction() { }

    public ImprovementAction(Guid id, AreaForImprovement area, string title, string ownerRole, DateOnly dueOn, DateOnly raisedOn)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (!OwnerRoles.All.Contains(ownerRole)) throw DomainRuleException.ForField("ownerRole", $"Unknown owner role '{ownerRole}'.");
        if (dueOn < raisedOn) throw DomainRuleException.ForField("dueOn", $"Cannot be before the action was raised ({raisedOn:yyyy-MM-dd}).");
        Id = id;
        AreaId = area.Id;
        AreaCode = area.Code;
        Title = title;
        OwnerRole = ownerRole;
        DueOn = dueOn;
        RaisedOn = raisedOn;
        Status = ActionStatuses.NotStarted;
    }

    public Guid Id { get; private set; }

    public Guid AreaId { get; private set; }

    public string AreaCode { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string OwnerRole { get; private set; } = "";

    public DateOnly RaisedOn { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string Status { get; private set; } = "";

    /// <summary>What shows the action was done (a document reference, audit result, board minute).</summary>
    public string? Evidence { get; private set; }

    public DateOnly? CompletedOn { get; private set; }

    /// <summary>The due date for which ActionOverdue was raised, so it is raised once per action and due date.</summary>
    public DateOnly? OverdueRaisedFor { get; private set; }

    /// <summary>Optimistic concurrency (PostgreSQL xmin): a daily run and an on-demand check cannot both raise ActionOverdue.</summary>
    public uint Version { get; private set; }

    public bool IsCompletedOn(DateOnly date) => CompletedOn is { } completed && completed <= date;

    /// <summary>Past its due date and not completed by <paramref name="date"/>.</summary>
    public bool IsOverdueOn(DateOnly date) => DueOn < date && !IsCompletedOn(date);

    /// <summary>Status as the plan stood on a date: completed only once completed, overdue once past due.</summary>
    public string StatusOn(DateOnly date) =>
        IsCompletedOn(date) ? ActionStatuses.Completed
        : IsOverdueOn(date) ? "overdue"
        : Status == ActionStatuses.Completed ? ActionStatuses.InProgress
        : Status;

    public void RecordProgress(string status, string? evidence, DateOnly on, DateOnly? newDueOn)
    {
        if (!ActionStatuses.All.Contains(status)) throw DomainRuleException.ForField("status", $"Unknown status '{status}'.");
        if (on < RaisedOn) throw DomainRuleException.ForField("on", $"Cannot be before the action was raised ({RaisedOn:yyyy-MM-dd}).");
        if (evidence is not null) Evidence = evidence;
        if (status == ActionStatuses.Completed && string.IsNullOrWhiteSpace(Evidence))
        {
            throw DomainRuleException.ForField("evidence", "An action is completed only with evidence.");
        }
        if (newDueOn is { } due)
        {
            if (due < RaisedOn) throw DomainRuleException.ForField("dueOn", $"Cannot be before the action was raised ({RaisedOn:yyyy-MM-dd}).");
            DueOn = due;
        }
        Status = status;
        CompletedOn = status == ActionStatuses.Completed ? on : null;
    }

    /// <summary>Raises ActionOverdue if the action is overdue on <paramref name="asAt"/> and was not yet raised for this due date.</summary>
    public ActionOverdueDomainEvent? DetectOverdue(DateOnly asAt)
    {
        if (!IsOverdueOn(asAt) || OverdueRaisedFor == DueOn) return null;
        OverdueRaisedFor = DueOn;
        var overdue = new ActionOverdueDomainEvent(Id, AreaCode, OwnerRole, DueOn, asAt);
        Raise(overdue);
        return overdue;
    }
}

/// <summary>The plan's progress for one area as at a date.</summary>
public sealed record AreaProgress(string AreaCode, string Title, int Actions, int Completed, int Overdue, decimal PercentComplete)
{
    public static AreaProgress For(AreaForImprovement area, IReadOnlyCollection<ImprovementAction> actions, DateOnly asAt)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(actions);
        var completed = actions.Count(a => a.IsCompletedOn(asAt));
        var overdue = actions.Count(a => a.IsOverdueOn(asAt));
        var percent = actions.Count == 0 ? 0 : decimal.Round(completed * 100m / actions.Count, 1);
        return new AreaProgress(area.Code, area.Title, actions.Count, completed, overdue, percent);
    }
}
