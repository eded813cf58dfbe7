namespace Platform.Contracts.Inspections.V1;

/// <summary>An Ofsted judgement was recorded. Grades: outstanding, good, requires-improvement, inadequate.</summary>
public sealed record InspectionJudgementRecorded(
    Guid InspectionId,
    string InspectionType,
    DateOnly PublishedOn,
    string OverallEffectiveness) : IntegrationEvent
{
    /// <summary>Every judgement of the inspection (overall and sub-judgements), when the producer sends them.</summary>
    public IReadOnlyList<JudgementGrade>? Judgements { get; init; }
}

/// <summary>One judgement of an inspection, e.g. <c>impact-of-leaders</c> graded <c>inadequate</c>.</summary>
public sealed record JudgementGrade(string Type, string Grade);

/// <summary>An indicator's RAG status changed (e.g. vacancy rate moved from red to amber).</summary>
public sealed record IndicatorStatusChanged(
    string IndicatorCode,
    decimal Value,
    string PreviousStatus,
    string Status,
    DateOnly AsAt) : IntegrationEvent;

/// <summary>The Secretary of State issued a statutory direction.</summary>
/// <param name="FirstDeadline">The earliest deadline among its requirements, if any.</param>
public sealed record DirectionIssued(Guid DirectionId, DateOnly IssuedOn, string Issuer, string Title, DateOnly? FirstDeadline) : IntegrationEvent;

/// <summary>An improvement-plan action passed its due date without being completed (raised once per action and due date).</summary>
public sealed record ActionOverdue(Guid ActionId, string AreaCode, string Owner, DateOnly DueOn, DateOnly DetectedOn) : IntegrationEvent;

/// <summary>A statutory or plan deadline is within the warning window.</summary>
/// <param name="Kind"><c>direction</c>, <c>action</c> or <c>review</c>.</param>
public sealed record DeadlineApproaching(Guid SourceId, string Kind, string Description, DateOnly DueOn, int DaysRemaining) : IntegrationEvent;

/// <summary>
/// An indicator's value (or RAG status) changed when an input event was applied: raised on every change, not only when the
/// RAG status moves, so a board on screen can update its tile live (the web app consumes it).
/// </summary>
/// <param name="Value">The new value; null when nothing is measured.</param>
/// <param name="Status">The RAG status for that value: green, amber, red or no-data.</param>
/// <param name="AsAt">The business date the value was evaluated as at.</param>
public sealed record IndicatorValueChanged(string IndicatorCode, decimal? Value, string Status, DateOnly AsAt) : IntegrationEvent;
