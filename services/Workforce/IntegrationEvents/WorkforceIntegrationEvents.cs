using Platform.Contracts;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Messaging;
using Platform.Workforce.Domain;
using V1 = Platform.Contracts.Workforce.V1;

namespace Platform.Workforce.IntegrationEvents;

/// <summary>
/// Workforce's domain events as the messages other services hear, in one place: every save writes these to the outbox
/// in its own transaction, so a change and its event commit together.
/// </summary>
public sealed class WorkforceIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(IDomainEvent domainEvent) => domainEvent switch
    {
        PostCreatedDomainEvent { Post: var p } => [new V1.PostCreated(p.PostId, p.TeamCode, p.JobRole, p.Grade, p.Fte, p.AnnualCost, p.BudgetLineCode, p.EffectiveFrom)],
        PostChangedDomainEvent { Post: var p } => [new V1.PostChanged(p.PostId, p.TeamCode, p.JobRole, p.Grade, p.Fte, p.AnnualCost, p.BudgetLineCode,
            p.Status.ToString().ToLowerInvariant(), p.EffectiveFrom)],
        PostDeletedDomainEvent { Post: var p } => [new V1.PostDeleted(p.PostId, p.TeamCode, p.JobRole, p.Fte, p.AnnualCost, p.BudgetLineCode, p.EffectiveFrom)],
        VacancyOpenedDomainEvent e => [new V1.VacancyOpened(e.VacancyId, e.PostId, e.TeamCode, e.JobRole, e.OpenedOn)],
        VacancyFilledDomainEvent e => [new V1.VacancyFilled(e.VacancyId, e.PostId, e.TeamCode, e.JobRole, e.FilledOn, e.DaysToFill)],
        VacancyWithdrawnDomainEvent e => [new V1.VacancyWithdrawn(e.VacancyId, e.PostId, e.TeamCode, e.JobRole, e.WithdrawnOn)],
        StaffMemberStartedDomainEvent e => [new V1.StaffMemberStarted(e.WorkerId, e.PostId, e.TeamCode, e.JobRole, e.Fte, e.IsQualifiedSocialWorker, e.StartDate)],
        AgencyWorkerEngagedDomainEvent e => [new V1.AgencyWorkerEngaged(e.WorkerId, e.PostId, e.TeamCode, e.JobRole, e.Fte, e.DayRate, e.BudgetLineCode,
            e.StartDate, e.ExpectedEndDate)],
        StaffMemberLeftDomainEvent e => [new V1.StaffMemberLeft(e.WorkerId, e.PostId, e.TeamCode, e.JobRole, e.Fte, e.LeavingReason, e.LeftOn)],
        AgencyWorkerEndedDomainEvent e => [new V1.AgencyWorkerEnded(e.WorkerId, e.PostId, e.TeamCode, e.JobRole, e.EndDate)],
        CaseloadChangedDomainEvent e => [new V1.CaseloadChanged(e.WorkerId, e.TeamCode, e.JobRole, e.Fte, e.Caseload, e.WarningLimit, e.CriticalLimit, e.On)],
        CaseloadThresholdBreachedDomainEvent e => [new V1.CaseloadThresholdBreached(e.WorkerId, e.TeamCode, e.JobRole, e.Caseload, e.Limit, e.Level, e.On)],
        SupervisionRecordedDomainEvent e => [new V1.SupervisionRecorded(e.WorkerId, e.TeamCode, e.HeldOn, e.NextDueOn)],
        SupervisionOverdueDomainEvent e => [new V1.SupervisionOverdue(e.WorkerId, e.TeamCode, e.DueOn, e.DetectedOn)],
        RestructureProposalApprovedDomainEvent e => [new V1.RestructureProposalApproved(e.ProgrammeId, e.ProgrammeName, e.ProposalId,
            ProposalKinds.CodeOf(e.Kind), e.PostId, e.ApprovedOn, e.EffectiveOn)],
        RedundancyConfirmedDomainEvent e => [new V1.RedundancyConfirmed(e.ProgrammeId, e.ApplicationId, e.PostId, e.WorkerId, e.BudgetLineCode,
            e.RedundancyCost, e.Voluntary, e.DismissalDate)],
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "Workforce raises no such domain event."),
    };
}
