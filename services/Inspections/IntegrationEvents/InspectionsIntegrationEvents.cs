using Platform.Contracts;
using Platform.Inspections.Domain;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Messaging;
using V1 = Platform.Contracts.Inspections.V1;

namespace Platform.Inspections.IntegrationEvents;

/// <summary>
/// Inspections' domain events as the messages other services and the web app hear, in one place: every save writes
/// these to the outbox in its own transaction, so a change and its event commit together.
/// </summary>
public sealed class InspectionsIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(IDomainEvent domainEvent) => domainEvent switch
    {
        DirectionIssuedDomainEvent e => [new V1.DirectionIssued(e.DirectionId, e.IssuedOn, e.Issuer, e.Title, e.FirstDeadline)],
        ActionOverdueDomainEvent e => [new V1.ActionOverdue(e.ActionId, e.AreaCode, e.Owner, e.DueOn, e.DetectedOn)],
        DeadlineApproachingDomainEvent e => [new V1.DeadlineApproaching(e.SourceId, e.Kind, e.Description, e.DueOn, e.DaysRemaining)],
        // The status message carries 0 for an indicator whose measure has no value yet (its status is then grey).
        IndicatorStatusChangedDomainEvent e => [new V1.IndicatorStatusChanged(e.IndicatorCode, e.Value ?? 0, e.PreviousStatus, e.Status, e.AsAt)],
        IndicatorValueChangedDomainEvent e => [new V1.IndicatorValueChanged(e.IndicatorCode, e.Value, e.Status, e.AsAt)],
        InspectionJudgementRecordedDomainEvent e => [new V1.InspectionJudgementRecorded(e.InspectionId, e.InspectionType, e.PublishedOn, e.OverallEffectiveness)
        {
            Judgements = [.. e.Judgements.Select(j => new V1.JudgementGrade(j.Type, j.Grade))],
        }],
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "Inspections raises no such domain event."),
    };
}
