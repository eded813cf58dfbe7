using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

// What happens in the establishment, raised by the entity it happens to. IntegrationEvents/WorkforceIntegrationEvents
// maps each to the message other services hear; a version of a post is the post's state as the change left it.

public sealed record PostCreatedDomainEvent(PostVersion Post) : IDomainEvent;

public sealed record PostChangedDomainEvent(PostVersion Post) : IDomainEvent;

public sealed record PostDeletedDomainEvent(PostVersion Post) : IDomainEvent;

public sealed record VacancyOpenedDomainEvent(Guid VacancyId, Guid PostId, string TeamCode, string JobRole, DateOnly OpenedOn) : IDomainEvent;

public sealed record VacancyFilledDomainEvent(Guid VacancyId, Guid PostId, string TeamCode, string JobRole, DateOnly FilledOn, int DaysToFill) : IDomainEvent;

public sealed record VacancyWithdrawnDomainEvent(Guid VacancyId, Guid PostId, string TeamCode, string JobRole, DateOnly WithdrawnOn) : IDomainEvent;

/// <summary>An employed worker started (in a post, or not yet in one).</summary>
public sealed record StaffMemberStartedDomainEvent(Guid WorkerId, Guid? PostId, string TeamCode, string JobRole, decimal Fte,
    bool IsQualifiedSocialWorker, DateOnly StartDate) : IDomainEvent;

/// <summary>An agency worker was engaged, charged to <paramref name="BudgetLineCode"/>.</summary>
public sealed record AgencyWorkerEngagedDomainEvent(Guid WorkerId, Guid? PostId, string TeamCode, string JobRole, decimal Fte,
    decimal DayRate, string BudgetLineCode, DateOnly StartDate, DateOnly? ExpectedEndDate) : IDomainEvent;

public sealed record StaffMemberLeftDomainEvent(Guid WorkerId, Guid? PostId, string TeamCode, string JobRole, decimal Fte,
    string LeavingReason, DateOnly LeftOn) : IDomainEvent;

public sealed record AgencyWorkerEndedDomainEvent(Guid WorkerId, Guid? PostId, string TeamCode, string JobRole, DateOnly EndDate) : IDomainEvent;

/// <summary>A worker's caseload after a change, with the limits of their role it was judged against.</summary>
public sealed record CaseloadChangedDomainEvent(Guid WorkerId, string TeamCode, string JobRole, decimal Fte, int Caseload,
    int WarningLimit, int CriticalLimit, DateOnly On) : IDomainEvent;

/// <summary>The change took the worker over a limit (<paramref name="Level"/>: warning or critical) they were not over.</summary>
public sealed record CaseloadThresholdBreachedDomainEvent(Guid WorkerId, string TeamCode, string JobRole, int Caseload, int Limit,
    string Level, DateOnly On) : IDomainEvent;

public sealed record SupervisionRecordedDomainEvent(Guid WorkerId, string TeamCode, DateOnly HeldOn, DateOnly NextDueOn) : IDomainEvent;

public sealed record SupervisionOverdueDomainEvent(Guid WorkerId, string TeamCode, DateOnly DueOn, DateOnly DetectedOn) : IDomainEvent;

public sealed record RestructureProposalApprovedDomainEvent(Guid ProgrammeId, string ProgrammeName, Guid ProposalId, ProposalKind Kind,
    Guid? PostId, DateOnly ApprovedOn, DateOnly EffectiveOn) : IDomainEvent;

/// <summary>A redundancy is certain: <paramref name="ApplicationId"/> is the volunteer's application, or the proposal for a compulsory one.</summary>
public sealed record RedundancyConfirmedDomainEvent(Guid ProgrammeId, Guid ApplicationId, Guid PostId, Guid? WorkerId, string BudgetLineCode,
    decimal RedundancyCost, bool Voluntary, DateOnly DismissalDate) : IDomainEvent;
