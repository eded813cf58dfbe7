using Platform.Contracts.Workforce.V1;
using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

public enum PostStatus
{
    /// <summary>Approved and funded, not yet advertised or occupied.</summary>
    Funded,
    /// <summary>Funded with an open vacancy (no permanent employee).</summary>
    Vacant,
    /// <summary>Occupied.</summary>
    Filled,
    Frozen,
    Deleted,
}

/// <summary>A post in the establishment: a funded position with a role, grade, FTE and cost charged to a budget line.</summary>
public sealed class Post
{
    private Post() { }

    public Post(Guid id, string teamCode, string jobRole, string grade, decimal fte, decimal annualCost, string budgetLineCode, DateOnly effectiveFrom)
    {
        if (!JobRoles.All.Contains(jobRole)) throw DomainRuleException.ForField("jobRole", $"Unknown job role '{jobRole}'.");
        if (fte is <= 0 or > 1) throw DomainRuleException.ForField("fte", "FTE must be more than 0 and at most 1.");
        if (annualCost < 0) throw DomainRuleException.ForField("annualCost", "Annual cost cannot be negative.");
        Id = id;
        TeamCode = teamCode;
        JobRole = jobRole;
        Grade = grade;
        Fte = fte;
        AnnualCost = annualCost;
        BudgetLineCode = budgetLineCode;
        EffectiveFrom = effectiveFrom;
        Status = PostStatus.Funded;
    }

    public Guid Id { get; private set; }

    public string TeamCode { get; private set; } = "";

    public string JobRole { get; private set; } = "";

    public string Grade { get; private set; } = "";

    public decimal Fte { get; private set; }

    public decimal AnnualCost { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    public DateOnly EffectiveFrom { get; private set; }

    public PostStatus Status { get; private set; }

    public PostCreated ToCreatedEvent() =>
        new(Id, TeamCode, JobRole, Grade, Fte, AnnualCost, BudgetLineCode, EffectiveFrom);

    /// <summary>Opens a vacancy: only a funded, unoccupied post without an open vacancy can be advertised.</summary>
    public Vacancy OpenVacancy(Guid vacancyId, DateOnly openedOn)
    {
        if (Status != PostStatus.Funded)
        {
            throw DomainRuleException.Conflict($"A vacancy can only be opened on a funded, unoccupied post; this post is {Status.ToString().ToLowerInvariant()}.");
        }
        if (openedOn < EffectiveFrom)
        {
            throw DomainRuleException.ForField("openedOn", $"The post only exists from {EffectiveFrom:yyyy-MM-dd}.");
        }
        Status = PostStatus.Vacant;
        return new Vacancy(vacancyId, Id, openedOn);
    }

    internal void MarkFilled() => Status = PostStatus.Filled;
}
