namespace Platform.Contracts.Workforce.V1;

// Events about posts after creation, workers, caseloads, supervision and restructures.
// Dates are business dates (when it happened in the department), not publish times, so consumers can
// answer "as at" questions for any past date. Workers are identified by Workforce's id only; case
// references never leave Workforce.

/// <summary>A post's grade, FTE, cost, team, budget line or status changed from <see cref="EffectiveFrom"/>.</summary>
/// <param name="Status">New status: funded, vacant, filled or frozen (deleted posts raise <see cref="PostDeleted"/>).</param>
public sealed record PostChanged(
    Guid PostId,
    string TeamCode,
    string JobRole,
    string Grade,
    decimal Fte,
    decimal AnnualCost,
    string BudgetLineCode,
    string Status,
    DateOnly EffectiveFrom) : IntegrationEvent;

/// <summary>A post was deleted from the establishment from <see cref="EffectiveOn"/>; its cost stops then.</summary>
public sealed record PostDeleted(
    Guid PostId,
    string TeamCode,
    string JobRole,
    decimal Fte,
    decimal AnnualCost,
    string BudgetLineCode,
    DateOnly EffectiveOn) : IntegrationEvent;

/// <summary>An open vacancy was withdrawn without being filled (the post stays funded, or is frozen/deleted).</summary>
public sealed record VacancyWithdrawn(Guid VacancyId, Guid PostId, string TeamCode, string JobRole, DateOnly WithdrawnOn) : IntegrationEvent;

/// <summary>An employed (permanent) worker started.</summary>
/// <param name="PostId">The post the worker fills, if any.</param>
public sealed record StaffMemberStarted(
    Guid WorkerId,
    Guid? PostId,
    string TeamCode,
    string JobRole,
    decimal Fte,
    bool IsQualifiedSocialWorker,
    DateOnly StartDate) : IntegrationEvent;

/// <summary>An employed worker left. <see cref="LeavingReason"/> uses the workforce census reasons (e.g. resignation, redundancy, retirement).</summary>
public sealed record StaffMemberLeft(Guid WorkerId, Guid? PostId, string TeamCode, string JobRole, decimal Fte, string LeavingReason, DateOnly LeftOn) : IntegrationEvent;

/// <summary>An agency (locum) worker was engaged; Finance commits the day rate on the budget line until the engagement ends.</summary>
/// <param name="PostId">The vacant post the agency worker covers, if any.</param>
/// <param name="DayRate">Charge per working day in pounds.</param>
/// <param name="BudgetLineCode">S251 line charged (the covered post's line, else <c>social-work</c>).</param>
/// <param name="ExpectedEndDate">Planned end of the engagement, if known.</param>
public sealed record AgencyWorkerEngaged(
    Guid WorkerId,
    Guid? PostId,
    string TeamCode,
    string JobRole,
    decimal Fte,
    decimal DayRate,
    string BudgetLineCode,
    DateOnly StartDate,
    DateOnly? ExpectedEndDate) : IntegrationEvent;

/// <summary>An agency engagement ended; its commitment stops after <see cref="EndDate"/>.</summary>
public sealed record AgencyWorkerEnded(Guid WorkerId, Guid? PostId, string TeamCode, string JobRole, DateOnly EndDate) : IntegrationEvent;

/// <summary>A worker's number of allocated cases changed (a case allocated or released).</summary>
/// <param name="Caseload">Cases held by the worker after the change.</param>
/// <param name="Fte">The worker's FTE, so consumers can compute caseload per FTE.</param>
/// <param name="WarningThreshold">The worker's role threshold in force, so consumers can count workers over it.</param>
public sealed record CaseloadChanged(
    Guid WorkerId,
    string TeamCode,
    string JobRole,
    decimal Fte,
    int Caseload,
    int WarningThreshold,
    int CriticalThreshold,
    DateOnly ChangedOn) : IntegrationEvent;

/// <summary>A worker's caseload crossed a threshold upwards; raised once per crossing.</summary>
/// <param name="Level"><c>warning</c> or <c>critical</c>.</param>
public sealed record CaseloadThresholdBreached(
    Guid WorkerId,
    string TeamCode,
    string JobRole,
    int Caseload,
    int Threshold,
    string Level,
    DateOnly BreachedOn) : IntegrationEvent;

/// <summary>A one-to-one supervision session was recorded; <see cref="NextDueOn"/> follows the configured frequency.</summary>
public sealed record SupervisionRecorded(Guid WorkerId, string TeamCode, DateOnly HeldOn, DateOnly NextDueOn) : IntegrationEvent;

/// <summary>A worker's supervision is past its due date (raised once per missed due date).</summary>
public sealed record SupervisionOverdue(Guid WorkerId, string TeamCode, DateOnly DueOn, DateOnly DetectedOn) : IntegrationEvent;

/// <summary>A restructure proposal (delete, create or change a post) was approved after consultation.</summary>
/// <param name="Kind"><c>delete-post</c>, <c>create-post</c> or <c>change-post</c>.</param>
public sealed record RestructureProposalApproved(
    Guid ProgrammeId,
    string ProgrammeName,
    Guid ProposalId,
    string Kind,
    Guid? PostId,
    DateOnly ApprovedOn,
    DateOnly ImplementationDate) : IntegrationEvent;

/// <summary>A redundancy was confirmed with its cost (one-off, charged in the financial year of the dismissal date).</summary>
public sealed record RedundancyConfirmed(
    Guid ProgrammeId,
    Guid ApplicationId,
    Guid PostId,
    Guid? WorkerId,
    string BudgetLineCode,
    decimal RedundancyCost,
    bool IsVoluntary,
    DateOnly DismissalDate) : IntegrationEvent;
