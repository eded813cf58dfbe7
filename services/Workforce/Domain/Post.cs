using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

public enum PostStatus
{
    /// <summary>Approved and funded, not yet advertised or occupied.</summary>
    Funded,
    /// <summary>Funded with an open vacancy (no permanent employee).</summary>
    Vacant,
    /// <summary>Occupied by an employed worker.</summary>
    Filled,
    Frozen,
    Deleted,
}

/// <summary>
/// A post in the establishment: a funded position with a role, grade, FTE and cost charged to a budget line.
/// Every change appends a <see cref="PostVersion"/>, so the post's state on any date can be answered.
/// </summary>
public sealed class Post : Entity
{
    private readonly List<PostVersion> _history = [];

    /// <summary>The FTE of a post or a worker: from 0.01 to 1 (the request rules read these bounds too).</summary>
    public const double MinFte = 0.01, MaxFte = 1;

    /// <summary>The largest annual cost of a post (£1m).</summary>
    public const double MaxAnnualCost = 1_000_000;

    private Post() { }

    public Post(Guid id, string teamCode, string jobRole, string grade, decimal fte, decimal annualCost, string budgetLineCode, DateOnly effectiveFrom)
    {
        RequireValidTerms(jobRole, fte, annualCost);
        Id = id;
        TeamCode = teamCode;
        JobRole = jobRole;
        Grade = grade;
        SetTerms(fte, annualCost);
        BudgetLineCode = budgetLineCode;
        EffectiveFrom = effectiveFrom;
        Status = PostStatus.Funded;
        Raise(new PostCreatedDomainEvent(Record(effectiveFrom)));
    }

    public Guid Id { get; private set; }

    public string TeamCode { get; private set; } = "";

    public string JobRole { get; private set; } = "";

    public string Grade { get; private set; } = "";

    public decimal Fte { get; private set; }

    public decimal AnnualCost { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    /// <summary>Date the post exists from.</summary>
    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>Date of the latest change (the effective date of the newest version).</summary>
    public DateOnly ChangedFrom { get; private set; }

    public PostStatus Status { get; private set; }

    /// <summary>The employed worker in the post, when filled.</summary>
    public Guid? OccupantId { get; private set; }

    public IReadOnlyList<PostVersion> History => _history;

    /// <summary>Opens a vacancy: only a funded, unoccupied post without an open vacancy can be advertised.</summary>
    public Vacancy OpenVacancy(Guid vacancyId, DateOnly openedOn)
    {
        if (Status != PostStatus.Funded)
        {
            throw DomainRuleException.Conflict($"A vacancy can only be opened on a funded, unoccupied post; this post is {Status.ToString().ToLowerInvariant()}.");
        }
        RequireChangeDate(openedOn, "openedOn");
        Status = PostStatus.Vacant;
        // The vacancy is the news; the post's own PostChanged is not published for it (recruitment is not a change of terms).
        Record(openedOn);
        Raise(new VacancyOpenedDomainEvent(vacancyId, Id, TeamCode, JobRole, openedOn));
        return new Vacancy(vacancyId, Id, openedOn);
    }

    /// <summary>An employed worker takes up the post (directly, or by filling its open vacancy).</summary>
    public void Occupy(Guid workerId, DateOnly from)
    {
        if (Status is not (PostStatus.Funded or PostStatus.Vacant))
        {
            throw DomainRuleException.Conflict($"Only a funded or vacant post can be filled; this post is {Status.ToString().ToLowerInvariant()}.", "postId");
        }
        RequireChangeDate(from, "startDate");
        OccupantId = workerId;
        Status = PostStatus.Filled;
        RecordChange(from);
    }

    /// <summary>The occupant left or was redeployed: the post is funded and empty from the next day.</summary>
    public void Vacate(DateOnly lastDayOccupied)
    {
        if (Status != PostStatus.Filled) throw DomainRuleException.Conflict("The post is not filled.");
        OccupantId = null;
        Status = PostStatus.Funded;
        RecordChange(lastDayOccupied.AddDays(1));
    }

    public void Change(DateOnly effectiveFrom, string? teamCode, string? grade, decimal? fte, decimal? annualCost, string? budgetLineCode)
    {
        RequireNotDeleted();
        RequireChangeDate(effectiveFrom, "effectiveFrom");
        if (teamCode is not null) TeamCode = teamCode;
        if (grade is not null) Grade = grade;
        SetTerms(fte ?? Fte, annualCost ?? AnnualCost);
        if (budgetLineCode is not null) BudgetLineCode = budgetLineCode;
        RecordChange(effectiveFrom);
    }

    public void Freeze(DateOnly effectiveFrom)
    {
        if (Status != PostStatus.Funded) throw DomainRuleException.Conflict($"Only a funded, empty post without an open vacancy can be frozen; this post is {Status.ToString().ToLowerInvariant()}.");
        RequireChangeDate(effectiveFrom, "effectiveFrom");
        Status = PostStatus.Frozen;
        RecordChange(effectiveFrom);
    }

    public void Unfreeze(DateOnly effectiveFrom)
    {
        if (Status != PostStatus.Frozen) throw DomainRuleException.Conflict("The post is not frozen.");
        RequireChangeDate(effectiveFrom, "effectiveFrom");
        Status = PostStatus.Funded;
        RecordChange(effectiveFrom);
    }

    /// <summary>
    /// Deletes the post from <paramref name="effectiveOn"/>. A filled post cannot be deleted: its occupant needs an outcome
    /// first (redundancy or redeployment, through a restructure), which vacates it.
    /// </summary>
    public void Delete(DateOnly effectiveOn)
    {
        if (Status == PostStatus.Filled)
        {
            throw DomainRuleException.Conflict(
                "The post is filled. Record a redundancy or redeployment outcome for its occupant (restructure programme) before deleting it.", "postId");
        }
        if (Status == PostStatus.Vacant)
        {
            throw DomainRuleException.Conflict("The post has an open vacancy; withdraw it before deleting the post.", "postId");
        }
        RequireNotDeleted();
        RequireChangeDate(effectiveOn, "effectiveOn");
        Status = PostStatus.Deleted;
        Raise(new PostDeletedDomainEvent(Record(effectiveOn)));
    }

    /// <summary>The post's vacancy was filled (by a worker not known here): filled from that date.</summary>
    internal void MarkFilled(DateOnly filledOn)
    {
        Status = PostStatus.Filled;
        RecordChange(filledOn);
    }

    /// <summary>The post's vacancy was withdrawn: funded and empty again.</summary>
    internal void MarkVacancyWithdrawn(DateOnly withdrawnOn)
    {
        Status = PostStatus.Funded;
        RecordChange(withdrawnOn);
    }

    /// <summary>A change of the post's terms or status, which other services hear of as PostChanged.</summary>
    private void RecordChange(DateOnly effectiveFrom) => Raise(new PostChangedDomainEvent(Record(effectiveFrom)));

    private PostVersion Record(DateOnly effectiveFrom)
    {
        ChangedFrom = effectiveFrom;
        var version = new PostVersion(this, effectiveFrom);
        _history.Add(version);
        return version;
    }

    /// <summary>The rules every post's terms follow, also checked when a restructure proposes a new post.</summary>
    public static void RequireValidTerms(string jobRole, decimal fte, decimal annualCost)
    {
        if (!JobRoles.All.Contains(jobRole)) throw DomainRuleException.ForField("jobRole", $"Unknown job role '{jobRole}'.");
        RequireValidFte(fte);
        if (annualCost is < 0 or > (decimal)MaxAnnualCost) throw DomainRuleException.ForField("annualCost", $"Must be between 0 and {MaxAnnualCost}.");
    }

    /// <summary>The FTE rule of posts and workers.</summary>
    public static void RequireValidFte(decimal fte)
    {
        if (fte is < (decimal)MinFte or > (decimal)MaxFte) throw DomainRuleException.ForField("fte", $"Must be between {MinFte} and {MaxFte}.");
    }

    private void SetTerms(decimal fte, decimal annualCost)
    {
        RequireValidTerms(JobRole, fte, annualCost);
        Fte = fte;
        AnnualCost = annualCost;
    }

    private void RequireNotDeleted()
    {
        if (Status == PostStatus.Deleted) throw DomainRuleException.Conflict("The post is deleted.");
    }

    /// <summary>History is appended in date order: a change cannot be dated before the post exists or its last change.</summary>
    private void RequireChangeDate(DateOnly date, string field)
    {
        if (date < EffectiveFrom) throw DomainRuleException.ForField(field, $"The post only exists from {EffectiveFrom:yyyy-MM-dd}.");
        if (date < ChangedFrom) throw DomainRuleException.ForField(field, $"The post last changed on {ChangedFrom:yyyy-MM-dd}; changes cannot be dated earlier.");
    }
}

/// <summary>The state of a post from a date until the next version. Versions are never updated.</summary>
public sealed class PostVersion
{
    private PostVersion() { }

    internal PostVersion(Post post, DateOnly effectiveFrom)
    {
        PostId = post.Id;
        EffectiveFrom = effectiveFrom;
        TeamCode = post.TeamCode;
        JobRole = post.JobRole;
        Grade = post.Grade;
        Fte = post.Fte;
        AnnualCost = post.AnnualCost;
        BudgetLineCode = post.BudgetLineCode;
        Status = post.Status;
        OccupantId = post.OccupantId;
    }

    /// <summary>Insertion order, to order several changes on the same date.</summary>
    public long Sequence { get; private set; }

    public Guid PostId { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public string TeamCode { get; private set; } = "";

    public string JobRole { get; private set; } = "";

    public string Grade { get; private set; } = "";

    public decimal Fte { get; private set; }

    public decimal AnnualCost { get; private set; }

    public string BudgetLineCode { get; private set; } = "";

    public PostStatus Status { get; private set; }

    public Guid? OccupantId { get; private set; }
}
