using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

public enum ProposalKind
{
    DeletePost,
    CreatePost,
    ChangePost,
}

/// <summary>The codes of <see cref="ProposalKind"/> in requests, responses and messages.</summary>
public static class ProposalKinds
{
    public static readonly IReadOnlyDictionary<string, ProposalKind> ByCode = new Dictionary<string, ProposalKind>(StringComparer.Ordinal)
    {
        ["delete-post"] = ProposalKind.DeletePost, ["create-post"] = ProposalKind.CreatePost, ["change-post"] = ProposalKind.ChangePost,
    };

    public static string CodeOf(ProposalKind kind) => ByCode.First(k => k.Value == kind).Key;
}

public enum ProposalStatus
{
    Proposed,
    Approved,
    Implemented,
    Withdrawn,
}

/// <summary>What happens to the occupant of a post proposed for deletion.</summary>
public enum OccupantOutcome
{
    None,
    VoluntaryRedundancy,
    CompulsoryRedundancy,
    Redeployment,
}

/// <summary>
/// A restructure programme (e.g. "Investing in Children 2019") at one establishment: proposals to delete, create
/// or change posts, consulted on under the UK collective-consultation rules, then implemented on their dates.
/// </summary>
public sealed class RestructureProgramme : Entity
{
    private readonly List<RestructureProposal> _proposals = [];

    private RestructureProgramme() { }

    public RestructureProgramme(Guid id, string name, string establishment)
    {
        Id = id;
        Name = name;
        Establishment = establishment;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The establishment whose proposed dismissals are counted together (TULRCA s.188).</summary>
    public string Establishment { get; private set; } = "";

    /// <summary>When collective consultation with employee representatives began.</summary>
    public DateOnly? ConsultationStartedOn { get; private set; }

    /// <summary>When the HR1 advance notification went to the Insolvency Service.</summary>
    public DateOnly? Hr1SubmittedOn { get; private set; }

    public IReadOnlyList<RestructureProposal> Proposals => _proposals;

    public void RecordConsultation(DateOnly? startedOn, DateOnly? hr1SubmittedOn)
    {
        if (startedOn is not null) ConsultationStartedOn = startedOn;
        if (hr1SubmittedOn is not null) Hr1SubmittedOn = hr1SubmittedOn;
    }

    public RestructureProposal Propose(RestructureProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.PostId is { } postId && _proposals.Any(p => p.PostId == postId && p.Status is ProposalStatus.Proposed or ProposalStatus.Approved))
        {
            throw DomainRuleException.Conflict("The post already has an open proposal in this programme.", "postId");
        }
        _proposals.Add(proposal);
        return proposal;
    }

    /// <summary>The consultation the proposals require, from the proposed dismissals' dates.</summary>
    public ConsultationRequirement Consultation() => ConsultationRequirement.For(
        _proposals.Where(p => p.IsProposedDismissal).Select(p => p.DismissalDate).ToList(),
        _proposals.Count(p => p.Kind == ProposalKind.DeletePost && p.OccupantId is null && p.Status != ProposalStatus.Withdrawn),
        ConsultationStartedOn, Hr1SubmittedOn);

    /// <summary>Approval is refused while the consultation the law requires has not been started early enough, or HR1 not sent in time.</summary>
    public void Approve(RestructureProposal proposal, DateOnly approvedOn)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var consultation = Consultation();
        if (consultation.CollectiveConsultationRequired && proposal.IsProposedDismissal)
        {
            if (ConsultationStartedOn is not { } started || started > consultation.ConsultationMustStartBy)
            {
                throw DomainRuleException.Conflict(
                    $"{consultation.ProposedDismissalsIn90Days} proposed redundancies within 90 days need collective consultation from {consultation.ConsultationMustStartBy:yyyy-MM-dd} " +
                    $"at the latest ({consultation.MinimumConsultationDays} days before the first dismissal); record when consultation started.", "consultationStartedOn");
            }
            if (Hr1SubmittedOn is not { } hr1 || hr1 > consultation.ConsultationMustStartBy)
            {
                throw DomainRuleException.Conflict(
                    $"An HR1 notification is due by {consultation.ConsultationMustStartBy:yyyy-MM-dd}; record when it was submitted.", "hr1SubmittedOn");
            }
            if (approvedOn < started)
            {
                throw DomainRuleException.ForField("approvedOn", $"Cannot be before consultation started ({started:yyyy-MM-dd}).");
            }
        }
        proposal.Approve(approvedOn);
        Raise(new RestructureProposalApprovedDomainEvent(Id, Name, proposal.Id, proposal.Kind, proposal.PostId, approvedOn, proposal.EffectiveOn));
    }
}

/// <summary>The statutory consultation a set of proposed dismissals needs (TULRCA 1992 ss.188 and 193).</summary>
public sealed record ConsultationRequirement(
    int ProposedDismissals,
    int ProposedDismissalsIn90Days,
    int VacantPostDeletions,
    bool CollectiveConsultationRequired,
    int MinimumConsultationDays,
    DateOnly? FirstDismissalOn,
    DateOnly? ConsultationMustStartBy,
    bool Hr1Required,
    DateOnly? ConsultationStartedOn,
    DateOnly? Hr1SubmittedOn,
    bool Compliant)
{
    public const int CollectiveThreshold = 20;
    public const int LargeScaleThreshold = 100;

    public static ConsultationRequirement For(IReadOnlyList<DateOnly> dismissalDates, int vacantPostDeletions, DateOnly? startedOn, DateOnly? hr1On)
    {
        ArgumentNullException.ThrowIfNull(dismissalDates);
        var peak = PeakIn90Days(dismissalDates);
        var required = peak >= CollectiveThreshold;
        var days = peak >= LargeScaleThreshold ? 45 : required ? 30 : 0;
        DateOnly? first = dismissalDates.Count == 0 ? null : dismissalDates.Min();
        DateOnly? mustStartBy = required ? first!.Value.AddDays(-days) : null;
        var compliant = !required || (startedOn <= mustStartBy && hr1On <= mustStartBy);
        return new ConsultationRequirement(dismissalDates.Count, peak, vacantPostDeletions, required, days, first, mustStartBy, required,
            startedOn, hr1On, compliant);
    }

    /// <summary>The most dismissals falling within any 90-day period (dates d..d+89).</summary>
    private static int PeakIn90Days(IReadOnlyList<DateOnly> dates)
    {
        var sorted = dates.Order().ToArray();
        var peak = 0;
        for (int start = 0, end = 0; start < sorted.Length; start++)
        {
            while (end < sorted.Length && sorted[end].DayNumber - sorted[start].DayNumber < 90) end++;
            peak = Math.Max(peak, end - start);
        }
        return peak;
    }
}

/// <summary>One change to the establishment in a restructure.</summary>
public sealed class RestructureProposal : Entity
{
    private RestructureProposal() { }

    private RestructureProposal(Guid programmeId, ProposalKind kind, Guid? postId, DateOnly effectiveOn)
    {
        Id = Guid.CreateVersion7();
        ProgrammeId = programmeId;
        Kind = kind;
        PostId = postId;
        EffectiveOn = effectiveOn;
        Status = ProposalStatus.Proposed;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public ProposalKind Kind { get; private set; }

    /// <summary>The post deleted or changed; for a created post, its id once implemented.</summary>
    public Guid? PostId { get; private set; }

    /// <summary>Date the change takes effect (for a deleted filled post, the day after the dismissal).</summary>
    public DateOnly EffectiveOn { get; private set; }

    public ProposalStatus Status { get; private set; }

    public DateOnly? ApprovedOn { get; private set; }

    /// <summary>The employed worker in the post when the deletion was proposed: an employee at risk of redundancy.</summary>
    public Guid? OccupantId { get; private set; }

    public OccupantOutcome Outcome { get; private set; }

    public decimal? RedundancyCost { get; private set; }

    public Guid? RedeployToPostId { get; private set; }

    public string? TeamCode { get; private set; }

    public string? JobRole { get; private set; }

    public string? Grade { get; private set; }

    public decimal? Fte { get; private set; }

    public decimal? AnnualCost { get; private set; }

    public string? BudgetLineCode { get; private set; }

    /// <summary>A proposed dismissal counts towards the 20/100 thresholds: a filled post deleted, unless its occupant is redeployed.</summary>
    public bool IsProposedDismissal =>
        Kind == ProposalKind.DeletePost && OccupantId is not null && Outcome != OccupantOutcome.Redeployment && Status != ProposalStatus.Withdrawn;

    public DateOnly DismissalDate => EffectiveOn.AddDays(-1);

    public static RestructureProposal DeletePost(Guid programmeId, Post post, DateOnly effectiveOn)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Status == PostStatus.Deleted) throw DomainRuleException.Conflict("The post is already deleted.", "postId");
        if (effectiveOn <= post.ChangedFrom) throw DomainRuleException.ForField("effectiveOn", $"Must be after the post's last change ({post.ChangedFrom:yyyy-MM-dd}).");
        return new RestructureProposal(programmeId, ProposalKind.DeletePost, post.Id, effectiveOn) { OccupantId = post.OccupantId };
    }

    public static RestructureProposal CreatePost(Guid programmeId, string teamCode, string jobRole, string grade, decimal fte, decimal annualCost, string budgetLineCode, DateOnly effectiveOn)
    {
        // Checked now rather than at implementation.
        Post.RequireValidTerms(jobRole, fte, annualCost);
        return new RestructureProposal(programmeId, ProposalKind.CreatePost, null, effectiveOn)
        {
            TeamCode = teamCode, JobRole = jobRole, Grade = grade, Fte = fte, AnnualCost = annualCost, BudgetLineCode = budgetLineCode,
        };
    }

    public static RestructureProposal ChangePost(Guid programmeId, Post post, DateOnly effectiveOn, string? teamCode, string? grade, decimal? fte, decimal? annualCost, string? budgetLineCode)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Status == PostStatus.Deleted) throw DomainRuleException.Conflict("The post is deleted.", "postId");
        if (effectiveOn < post.ChangedFrom) throw DomainRuleException.ForField("effectiveOn", $"Cannot be before the post's last change ({post.ChangedFrom:yyyy-MM-dd}).");
        return new RestructureProposal(programmeId, ProposalKind.ChangePost, post.Id, effectiveOn)
        {
            TeamCode = teamCode, Grade = grade, Fte = fte, AnnualCost = annualCost, BudgetLineCode = budgetLineCode,
        };
    }

    internal void Approve(DateOnly approvedOn)
    {
        if (Status != ProposalStatus.Proposed) throw DomainRuleException.Conflict($"The proposal is {Status.ToString().ToLowerInvariant()}, not proposed.");
        if (approvedOn > EffectiveOn) throw DomainRuleException.ForField("approvedOn", $"Must be on or before the proposal takes effect ({EffectiveOn:yyyy-MM-dd}).");
        Status = ProposalStatus.Approved;
        ApprovedOn = approvedOn;
    }

    public void Withdraw()
    {
        if (Status is ProposalStatus.Implemented or ProposalStatus.Withdrawn) throw DomainRuleException.Conflict($"The proposal is {Status.ToString().ToLowerInvariant()}.");
        Status = ProposalStatus.Withdrawn;
    }

    /// <summary>
    /// Records what happens to the at-risk occupant of <paramref name="post"/> (only a deletion of a filled post has one).
    /// A redundancy is then confirmed, charged to the post's budget line; a volunteer's names their <paramref name="applicationId"/>.
    /// </summary>
    public void RecordOutcome(OccupantOutcome outcome, decimal? redundancyCost, Guid? redeployToPostId, Post? post, Guid? applicationId = null)
    {
        if (OccupantId is null) throw DomainRuleException.Conflict("The post was vacant when proposed: there is no occupant to record an outcome for.", "outcome");
        ArgumentNullException.ThrowIfNull(post);
        if (post.Id != PostId) throw new ArgumentException("The outcome is recorded against the proposal's own post.", nameof(post));
        if (Status is ProposalStatus.Implemented or ProposalStatus.Withdrawn) throw DomainRuleException.Conflict($"The proposal is {Status.ToString().ToLowerInvariant()}.");
        switch (outcome)
        {
            case OccupantOutcome.None:
                throw DomainRuleException.ForField("outcome", "Give an outcome.");
            case OccupantOutcome.Redeployment when redeployToPostId is null:
                throw DomainRuleException.ForField("redeployToPostId", "A redeployment needs the post the worker moves to.");
            case OccupantOutcome.VoluntaryRedundancy or OccupantOutcome.CompulsoryRedundancy when redundancyCost is not >= 0:
                throw DomainRuleException.ForField("redundancyCost", "A redundancy needs its cost (0 or more).");
        }
        if (Outcome != OccupantOutcome.None) throw DomainRuleException.Conflict($"The outcome is already recorded ({Outcome}).", "outcome");
        Outcome = outcome;
        RedundancyCost = outcome == OccupantOutcome.Redeployment ? null : redundancyCost;
        RedeployToPostId = outcome == OccupantOutcome.Redeployment ? redeployToPostId : null;
        if (outcome is OccupantOutcome.CompulsoryRedundancy or OccupantOutcome.VoluntaryRedundancy)
        {
            Raise(new RedundancyConfirmedDomainEvent(ProgrammeId, applicationId ?? Id, post.Id, OccupantId, post.BudgetLineCode, RedundancyCost!.Value,
                outcome == OccupantOutcome.VoluntaryRedundancy, DismissalDate));
        }
    }

    internal void MarkImplemented(Guid? createdPostId)
    {
        if (Status != ProposalStatus.Approved) throw DomainRuleException.Conflict($"The proposal is {Status.ToString().ToLowerInvariant()}, not approved.");
        if (Kind == ProposalKind.DeletePost && OccupantId is not null && Outcome == OccupantOutcome.None)
        {
            throw DomainRuleException.Conflict(
                $"Proposal {Id} deletes a filled post without a redundancy or redeployment outcome for its occupant; record one first.", "outcome");
        }
        if (createdPostId is not null) PostId = createdPostId;
        Status = ProposalStatus.Implemented;
    }
}

public enum VoluntaryRedundancyStatus
{
    Applied,
    Accepted,
    Declined,
}

/// <summary>A worker volunteering for redundancy from a post the programme proposes to delete.</summary>
public sealed class VoluntaryRedundancyApplication
{
    private VoluntaryRedundancyApplication() { }

    public VoluntaryRedundancyApplication(Guid programmeId, Guid proposalId, Guid workerId, decimal redundancyCost, DateOnly appliedOn)
    {
        if (redundancyCost < 0) throw DomainRuleException.ForField("redundancyCost", "Cannot be negative.");
        Id = Guid.CreateVersion7();
        ProgrammeId = programmeId;
        ProposalId = proposalId;
        WorkerId = workerId;
        RedundancyCost = redundancyCost;
        AppliedOn = appliedOn;
        Status = VoluntaryRedundancyStatus.Applied;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public Guid ProposalId { get; private set; }

    public Guid WorkerId { get; private set; }

    public decimal RedundancyCost { get; private set; }

    public DateOnly AppliedOn { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public VoluntaryRedundancyStatus Status { get; private set; }

    /// <summary>Accepting makes the volunteer's redundancy the outcome of the proposal that deletes their post.</summary>
    public void Accept(RestructureProposal proposal, Post post, DateOnly decidedOn)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        Decide(decidedOn);
        proposal.RecordOutcome(OccupantOutcome.VoluntaryRedundancy, RedundancyCost, null, post, Id);
        Status = VoluntaryRedundancyStatus.Accepted;
    }

    /// <summary>The council may refuse a volunteer, e.g. to keep scarce skills.</summary>
    public void Decline(DateOnly decidedOn)
    {
        Decide(decidedOn);
        Status = VoluntaryRedundancyStatus.Declined;
    }

    private void Decide(DateOnly decidedOn)
    {
        if (Status != VoluntaryRedundancyStatus.Applied) throw DomainRuleException.Conflict($"The application is already {Status.ToString().ToLowerInvariant()}.");
        if (decidedOn < AppliedOn) throw DomainRuleException.ForField("decidedOn", $"Cannot be before the application ({AppliedOn:yyyy-MM-dd}).");
        DecidedOn = decidedOn;
    }
}
