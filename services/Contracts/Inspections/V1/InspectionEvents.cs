namespace Platform.Contracts.Inspections.V1;

/// <summary>An Ofsted judgement was recorded. Grades: outstanding, good, requires-improvement, inadequate.</summary>
public sealed record InspectionJudgementRecorded(
    Guid InspectionId,
    string InspectionType,
    DateOnly PublishedOn,
    string OverallEffectiveness) : IntegrationEvent;

/// <summary>An indicator's RAG status changed (e.g. vacancy rate moved from red to amber).</summary>
public sealed record IndicatorStatusChanged(
    string IndicatorCode,
    decimal Value,
    string PreviousStatus,
    string Status,
    DateOnly AsAt) : IntegrationEvent;
