namespace Platform.Tools.DemoLoader.Requests;

// Request bodies of Inspections' API (POST /api/inspections/...), as the demo sends them.

internal sealed record InspectionRequest(string Type, DateOnly OnSiteFrom, DateOnly OnSiteTo, string Reference);

internal sealed record JudgementRequest(string Type, string Grade);

internal sealed record JudgementsRequest(DateOnly PublishedOn, IReadOnlyList<JudgementRequest> Judgements);

internal sealed record AreaRequest(string Code, string Title, string Detail);

internal sealed record ActionRequest(string AreaCode, string Title, string OwnerRole, DateOnly DueOn, DateOnly RaisedOn);

internal sealed record ProgressRequest(string Status, DateOnly On, string Evidence);

internal sealed record RequirementRequest(string Description, DateOnly? DueOn = null);

internal sealed record DirectionRequest(
    DateOnly IssuedOn, string Issuer, string Title, string LegalBasis, IReadOnlyList<RequirementRequest> Requirements, Guid? SupersedesDirectionId = null);

internal sealed record CommissionerRequest(string Name, string Role, DateOnly AppointedOn, Guid DirectionId);

internal sealed record ReviewRequest(DateOnly StartedOn, DateOnly ReportDueOn, DateOnly PublishedOn, string Recommendation, IReadOnlyList<string> Findings);

internal sealed record IndicatorRequest(string Code, string Name, string Measure, string AreaCode, decimal Target, decimal Tolerance);

internal sealed record CommentaryRequest(string Text, DateOnly On);
