namespace Platform.Web.Gateway;

// The parts of the Inspections API's answers the pages show (GET /api/inspections/board, /indicators/{code}).
// The web app keeps its own copies: it depends on the API's JSON, not on the service's assembly.

public sealed record Board(
    DateOnly AsAt,
    DateTimeOffset ComputedAt,
    BoardSummary Summary,
    BoardInspection? LatestInspection,
    BoardInspection? LatestVisit,
    int? DaysSinceJudgement,
    IReadOnlyList<BoardArea> Areas,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<PlanAction> OverdueActions,
    IReadOnlyList<Deadline> UpcomingDeadlines,
    IReadOnlyList<Direction> DirectionsInForce,
    BoardReview? LastCommissionerReview);

public sealed record BoardInspection(Guid Id, string Type, DateOnly OnSiteFrom, DateOnly OnSiteTo, DateOnly? PublishedOn, string? OverallEffectiveness,
    IReadOnlyList<Judgement> Judgements);

public sealed record Judgement(string Type, string Grade, int GradeNumber);

public sealed record AreaProgress(string AreaCode, string Title, int Actions, int Completed, int Overdue, decimal PercentComplete);

public sealed record BoardArea(string Code, string Title, bool IsPriorityAction, AreaProgress Progress, IReadOnlyList<PlanAction> Actions, IReadOnlyList<Indicator> Indicators);

public sealed record PlanAction(Guid Id, string AreaCode, string Title, string OwnerRole, DateOnly RaisedOn, DateOnly DueOn, string Status, string? Evidence,
    DateOnly? CompletedOn, bool IsOverdue, int DaysOverdue, bool IndicatorsMeetTarget = false);

public sealed record RagCounts(int Red, int Amber, int Green, int NoData);

public sealed record AreaCommentary(Guid Id, string AreaCode, string Text, DateOnly On, string EnteredBy, DateTimeOffset EnteredAt);

public sealed record AreaSummary(string Code, string Title, string Rating, string DirectionOfTravel, int OverdueActions, AreaCommentary? Commentary);

public sealed record BoardChange(string Kind, string Subject, string Description);

public sealed record BoardSummary(DateOnly Since, RagCounts Indicators, int OverdueActions, int ActionsWithTargetsMet,
    IReadOnlyList<Deadline> StatutoryDeadlines, IReadOnlyList<AreaSummary> Areas, IReadOnlyList<BoardChange> Changes);

public sealed record Indicator(string Code, string Name, string Measure, string? AreaCode, string? TeamCode, string Unit, decimal Target, decimal Tolerance,
    string Direction, DateOnly AsAt, decimal? Value, string Status);

public sealed record SeriesPoint(DateOnly AsAt, decimal? Value, string Status);

public sealed record IndicatorDetail(Indicator Indicator, IReadOnlyList<SeriesPoint> Series);

public sealed record Deadline(Guid SourceId, string Kind, string Description, DateOnly DueOn, int DaysRemaining);

public sealed record Requirement(Guid Id, string Description, DateOnly? DueOn);

public sealed record Direction(Guid Id, DateOnly IssuedOn, string Issuer, string Title, string? LegalBasis, string Status, DateOnly? EndedOn,
    IReadOnlyList<Requirement> Requirements);

public sealed record BoardReview(Guid Id, string CommissionerName, string Role, DateOnly StartedOn, DateOnly ReportDueOn, DateOnly? PublishedOn,
    string? Recommendation, IReadOnlyList<string> Findings);
