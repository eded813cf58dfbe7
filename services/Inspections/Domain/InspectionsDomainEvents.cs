using Platform.ServiceDefaults.Domain;

namespace Platform.Inspections.Domain;

// What happens in the improvement work, raised by the entity it happens to.
// IntegrationEvents/InspectionsIntegrationEvents maps each to the message other services (and the web app) hear.

public sealed record DirectionIssuedDomainEvent(Guid DirectionId, DateOnly IssuedOn, string Issuer, string Title, DateOnly? FirstDeadline) : IDomainEvent;

/// <summary>An improvement-plan action passed its due date without being completed (once per action and due date).</summary>
public sealed record ActionOverdueDomainEvent(Guid ActionId, string AreaCode, string Owner, DateOnly DueOn, DateOnly DetectedOn) : IDomainEvent;

/// <summary>A statutory or plan deadline came within the warning window (once per deadline).</summary>
public sealed record DeadlineApproachingDomainEvent(Guid SourceId, string Kind, string Description, DateOnly DueOn, int DaysRemaining) : IDomainEvent;

public sealed record IndicatorStatusChangedDomainEvent(string IndicatorCode, decimal? Value, string PreviousStatus, string Status, DateOnly AsAt) : IDomainEvent;

/// <summary>An indicator's value or status changed (for live displays; a RAG change also raises the status event).</summary>
public sealed record IndicatorValueChangedDomainEvent(string IndicatorCode, decimal? Value, string Status, DateOnly AsAt) : IDomainEvent;

public sealed record InspectionJudgementRecordedDomainEvent(Guid InspectionId, string InspectionType, DateOnly PublishedOn, string OverallEffectiveness,
    IReadOnlyList<Judgement> Judgements) : IDomainEvent;
