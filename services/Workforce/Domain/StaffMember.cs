using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

public enum EmploymentType
{
    /// <summary>Employed and paid directly by the council.</summary>
    Employed,
    /// <summary>Supplied by an agency (or self-employed) and charged at a day rate.</summary>
    Agency,
}

/// <summary>Census leaving reasons (agency engagements end with <c>end-of-engagement</c>).</summary>
public static class LeavingReasons
{
    public static readonly IReadOnlyList<string> All =
    [
        "resignation", "redundancy", "retirement", "dismissal", "end-of-contract", "end-of-engagement", "death", "other",
    ];
}

/// <summary>
/// A worker in the department, employed or agency. Identified by id; the platform keeps no names. Holds cases,
/// receives supervision and may fill (or, for agency workers, cover) one post.
/// </summary>
public sealed class StaffMember : Entity
{
    private StaffMember() { }

    public StaffMember(
        Guid id, string teamCode, string jobRole, EmploymentType employmentType, decimal fte, bool isQualifiedSocialWorker,
        string? registrationNumber, Guid? postId, DateOnly startDate, decimal? agencyDayRate, DateOnly? expectedEndDate,
        string? agencyBudgetLineCode = null)
    {
        if (!JobRoles.All.Contains(jobRole)) throw DomainRuleException.ForField("jobRole", $"Unknown job role '{jobRole}'.");
        Post.RequireValidFte(fte);
        if (isQualifiedSocialWorker && string.IsNullOrWhiteSpace(registrationNumber))
        {
            throw DomainRuleException.ForField("registrationNumber", "A qualified social worker needs their Social Work England registration number.");
        }
        switch (employmentType)
        {
            case EmploymentType.Agency when agencyDayRate is not > 0:
                throw DomainRuleException.ForField("agencyDayRate", "An agency worker needs a day rate above 0.");
            case EmploymentType.Agency when string.IsNullOrEmpty(agencyBudgetLineCode):
                throw new ArgumentException("An agency engagement is charged to a budget line.", nameof(agencyBudgetLineCode));
            case EmploymentType.Employed when agencyDayRate is not null:
                throw DomainRuleException.ForField("agencyDayRate", "Only agency workers have a day rate.");
            case EmploymentType.Employed when expectedEndDate is not null:
                throw DomainRuleException.ForField("expectedEndDate", "Only agency engagements have an expected end date.");
        }
        if (expectedEndDate < startDate) throw DomainRuleException.ForField("expectedEndDate", "Cannot be before the start date.");

        Id = id;
        TeamCode = teamCode;
        JobRole = jobRole;
        EmploymentType = employmentType;
        Fte = fte;
        IsQualifiedSocialWorker = isQualifiedSocialWorker;
        RegistrationNumber = registrationNumber;
        PostId = postId;
        StartDate = startDate;
        AgencyDayRate = agencyDayRate;
        ExpectedEndDate = expectedEndDate;
        Raise(employmentType == EmploymentType.Employed
            ? new StaffMemberStartedDomainEvent(Id, PostId, TeamCode, JobRole, Fte, IsQualifiedSocialWorker, StartDate)
            : new AgencyWorkerEngagedDomainEvent(Id, PostId, TeamCode, JobRole, Fte, agencyDayRate!.Value, agencyBudgetLineCode!, StartDate, ExpectedEndDate));
    }

    public Guid Id { get; private set; }

    public string TeamCode { get; private set; } = "";

    public string JobRole { get; private set; } = "";

    public EmploymentType EmploymentType { get; private set; }

    public decimal Fte { get; private set; }

    public bool IsQualifiedSocialWorker { get; private set; }

    public string? RegistrationNumber { get; private set; }

    public Guid? PostId { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>Last day in post, once the worker has left.</summary>
    public DateOnly? LeftOn { get; private set; }

    public string? LeavingReason { get; private set; }

    public decimal? AgencyDayRate { get; private set; }

    public DateOnly? ExpectedEndDate { get; private set; }

    /// <summary>Cases held now (open allocations), kept with the worker so a breach is decided under one row lock.</summary>
    public int Caseload { get; private set; }

    public DateOnly? LastSupervisionOn { get; private set; }

    /// <summary>Optimistic concurrency (PostgreSQL xmin): two allocations to one worker cannot both read the same caseload.</summary>
    public uint Version { get; private set; }

    public bool IsInPostOn(DateOnly date) => StartDate <= date && (LeftOn is null || date <= LeftOn);

    /// <summary>Allocates a case; the new caseload is judged against the role's <paramref name="limits"/>.</summary>
    public CaseAllocation AllocateCase(string caseReference, DateOnly allocatedOn, CaseloadThreshold limits)
    {
        RequireInPost(allocatedOn, "allocatedOn");
        ChangeCaseload(+1, limits, allocatedOn);
        return new CaseAllocation(Id, caseReference, allocatedOn);
    }

    public void ReleaseCase(CaseAllocation allocation, DateOnly releasedOn, CaseloadThreshold limits)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        if (allocation.WorkerId != Id) throw new InvalidOperationException("The allocation belongs to another worker.");
        allocation.Release(releasedOn);
        ChangeCaseload(-1, limits, releasedOn);
    }

    /// <summary>Records a supervision session; the next is due <paramref name="intervalDays"/> after the latest.</summary>
    public SupervisionSession RecordSupervision(DateOnly heldOn, int intervalDays)
    {
        RequireInPost(heldOn, "heldOn");
        if (LastSupervisionOn is null || heldOn > LastSupervisionOn) LastSupervisionOn = heldOn;
        Raise(new SupervisionRecordedDomainEvent(Id, TeamCode, heldOn, SupervisionDueOn(intervalDays)));
        return new SupervisionSession(Id, heldOn);
    }

    /// <summary>The next supervision is due one interval after the last session, or after the start date for a new worker.</summary>
    public DateOnly SupervisionDueOn(int intervalDays) => (LastSupervisionOn ?? StartDate).AddDays(intervalDays);

    public Absence RecordAbsence(DateOnly firstDay, DateOnly lastDay, AbsenceReason reason)
    {
        RequireInPost(firstDay, "firstDay");
        return new Absence(Id, firstDay, lastDay, reason);
    }

    /// <summary>Moves the worker into another post (a restructure's redeployment); they take its team and role.</summary>
    public void Redeploy(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        PostId = post.Id;
        TeamCode = post.TeamCode;
        JobRole = post.JobRole;
    }

    public void Leave(DateOnly leftOn, string leavingReason)
    {
        if (LeftOn is not null) throw DomainRuleException.Conflict($"The worker already left on {LeftOn:yyyy-MM-dd}.");
        if (leftOn < StartDate) throw DomainRuleException.ForField("leftOn", $"Cannot be before the start date ({StartDate:yyyy-MM-dd}).");
        if (!LeavingReasons.All.Contains(leavingReason)) throw DomainRuleException.ForField("leavingReason", $"Unknown leaving reason '{leavingReason}'.");
        if (Caseload > 0)
        {
            throw DomainRuleException.Conflict($"The worker still holds {Caseload} case(s); reallocate them before they leave.", "leftOn");
        }
        LeftOn = leftOn;
        LeavingReason = leavingReason;
        Raise(EmploymentType == EmploymentType.Employed
            ? new StaffMemberLeftDomainEvent(Id, PostId, TeamCode, JobRole, Fte, leavingReason, leftOn)
            : new AgencyWorkerEndedDomainEvent(Id, PostId, TeamCode, JobRole, leftOn));
    }

    /// <summary>
    /// The caseload moves by <paramref name="change"/>: CaseloadChanged always, and a breach for each limit this change
    /// takes the worker over (not one they were already over).
    /// </summary>
    private void ChangeCaseload(int change, CaseloadThreshold limits, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var before = Caseload;
        Caseload += change;
        Raise(new CaseloadChangedDomainEvent(Id, TeamCode, JobRole, Fte, Caseload, limits.Warning, limits.Critical, on));
        foreach (var (level, limit) in new[] { ("warning", limits.Warning), ("critical", limits.Critical) })
        {
            if (before <= limit && Caseload > limit) Raise(new CaseloadThresholdBreachedDomainEvent(Id, TeamCode, JobRole, Caseload, limit, level, on));
        }
    }

    private void RequireInPost(DateOnly date, string field)
    {
        if (!IsInPostOn(date))
        {
            throw DomainRuleException.ForField(field, LeftOn is { } left
                ? $"The worker was only in post from {StartDate:yyyy-MM-dd} to {left:yyyy-MM-dd}."
                : $"The worker only starts on {StartDate:yyyy-MM-dd}.");
        }
    }
}
