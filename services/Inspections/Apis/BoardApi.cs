using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Apis;

/// <summary>The improvement board: what a director takes to the improvement board meeting, for a date.</summary>
public static class BoardApi
{
    /// <summary>Deadlines shown on the board: the next six months.</summary>
    public const int DeadlineHorizonDays = 183;

    /// <summary>Statutory deadlines in the summary: every one still ahead (ten years covers any direction).</summary>
    public const int StatutoryHorizonDays = 3653;

    public static IEndpointRouteBuilder MapBoardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/board", GetBoard).WithTags("Improvement board")
            .WithSummary("The improvement board as at a date")
            .WithDescription("A summary first (indicators by RAG, overdue actions, statutory deadlines with days remaining, each area's rating, direction of travel and commentary, and what changed since the previous board date, `since`, a month before by default), then the latest judgements and visit, each area's actions, progress and indicators with RAG, all indicators, overdue actions, deadlines in the next six months, directions in force and the last commissioner's review. Cached in Redis; any change to its inputs (a write here or a consumed event) invalidates it.");
        return app;
    }

    public sealed record BoardInspection(Guid Id, string Type, DateOnly OnSiteFrom, DateOnly OnSiteTo, DateOnly? PublishedOn, string? OverallEffectiveness,
        IReadOnlyList<InspectionsApi.JudgementResponse> Judgements);

    public sealed record BoardArea(string Code, string Title, bool IsPriorityAction, AreaProgress Progress,
        IReadOnlyList<PlanApi.ActionResponse> Actions, IReadOnlyList<IndicatorsApi.IndicatorResponse> Indicators);

    public sealed record BoardReview(Guid Id, string CommissionerName, string Role, DateOnly StartedOn, DateOnly ReportDueOn, DateOnly? PublishedOn,
        string? Recommendation, IReadOnlyList<string> Findings);

    public sealed record BoardResponse(
        DateOnly AsAt,
        DateTimeOffset ComputedAt,
        bool FromCache,
        BoardSummary Summary,
        BoardInspection? LatestInspection,
        BoardInspection? LatestVisit,
        int? DaysSinceJudgement,
        IReadOnlyList<BoardArea> Areas,
        IReadOnlyList<IndicatorsApi.IndicatorResponse> Indicators,
        IReadOnlyList<PlanApi.ActionResponse> OverdueActions,
        IReadOnlyList<Deadline> UpcomingDeadlines,
        IReadOnlyList<OversightApi.DirectionResponse> DirectionsInForce,
        BoardReview? LastCommissionerReview);

    internal static async Task<Results<Ok<BoardResponse>, ValidationProblem>> GetBoard(
        [InspectionDate] DateOnly? asAt, [InspectionDate] DateOnly? since, InspectionsDbContext db, BoardCache cache, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);
        if (since >= date) return new RequestValidator().Add("since", "Must be before the board's date (asAt).").ToProblem();
        var previous = since ?? date.AddMonths(-1);

        // Token first, then data: a board computed from newer data than its token is only ever stored under an obsolete key.
        var token = BoardVersion.Combine(await db.BoardVersions.AsNoTracking().Select(v => v.Token).ToListAsync(cancellationToken));
        if (await cache.GetAsync<BoardResponse>(token, date, previous) is { } cached) return TypedResults.Ok(cached with { FromCache = true });

        var board = await BuildAsync(db, date, previous, time, cancellationToken);
        await cache.SetAsync(token, date, previous, board);
        return TypedResults.Ok(board);
    }

    internal static async Task<BoardResponse> BuildAsync(InspectionsDbContext db, DateOnly date, DateOnly since, TimeProvider time, CancellationToken cancellationToken)
    {
        var inspections = await db.Inspections.AsNoTracking().Include(i => i.Judgements).Include(i => i.Areas).AsSplitQuery()
            .Where(i => i.OnSiteFrom <= date).ToListAsync(cancellationToken);
        var latestInspection = inspections.Where(i => i.IsGraded && i.PublishedOn <= date && i.Judgements.Count > 0)
            .OrderBy(i => i.PublishedOn).ThenBy(i => i.Id).LastOrDefault();
        var latestVisit = inspections.Where(i => !i.IsGraded && (i.PublishedOn ?? i.OnSiteTo) <= date)
            .OrderBy(i => i.PublishedOn ?? i.OnSiteTo).ThenBy(i => i.Id).LastOrDefault();

        var areas = inspections.Where(i => (i.PublishedOn ?? i.OnSiteTo) <= date).SelectMany(i => i.Areas).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        var actions = await db.Actions.AsNoTracking().Where(a => a.RaisedOn <= date).ToListAsync(cancellationToken);
        var indicators = new List<IndicatorsApi.IndicatorResponse>();
        var indicatorsBefore = new List<IndicatorsApi.IndicatorResponse>();
        foreach (var indicator in await db.Indicators.AsNoTracking().OrderBy(i => i.Code).ToListAsync(cancellationToken))
        {
            indicators.Add(await IndicatorsApi.AsAtAsync(db, indicator, date, cancellationToken));
            indicatorsBefore.Add(await IndicatorsApi.AsAtAsync(db, indicator, since, cancellationToken));
        }
        var boardAreas = areas.Select(area =>
        {
            var areaActions = actions.Where(a => a.AreaId == area.Id).OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToList();
            var areaIndicators = indicators.Where(i => i.AreaCode == area.Code).ToList();
            // An open action whose area's indicators all meet their targets says so: the lead may close it with evidence.
            var targetsMet = BoardRules.IndicatorsMeetTarget(areaIndicators.Select(i => i.Status));
            return new BoardArea(area.Code, area.Title, area.IsPriorityAction, AreaProgress.For(area, areaActions, date),
                areaActions.Select(a => PlanApi.ToResponse(a, date))
                    .Select(r => r.Status == ActionStatuses.Completed ? r : r with { IndicatorsMeetTarget = targetsMet }).ToList(),
                areaIndicators);
        }).ToList();

        var directions = await db.Directions.AsNoTracking().Include(d => d.Requirements)
            .Where(d => d.IssuedOn <= date && (d.EndedOn == null || d.EndedOn > date))
            .OrderBy(d => d.IssuedOn).ThenBy(d => d.Id).ToListAsync(cancellationToken);

        var review = await (
            from r in db.CommissionerReviews.AsNoTracking()
            join c in db.Commissioners.AsNoTracking() on r.AppointmentId equals c.Id
            where r.StartedOn <= date
            orderby (r.PublishedOn != null && r.PublishedOn <= date) descending, r.PublishedOn descending, r.StartedOn descending, r.Id
            select new { Review = r, c.Name, c.Role }).FirstOrDefaultAsync(cancellationToken);

        var overdue = await PlanApi.OverdueAsync(db, date, null, cancellationToken);
        var statutory = (await PlanChecks.CalendarAsync(db, date, StatutoryHorizonDays, cancellationToken))
            .Where(d => d.Kind is DeadlineKinds.Direction or DeadlineKinds.Review).ToList();
        var areaIds = areas.Select(a => a.Id).ToList();
        var commentary = (await db.AreaCommentaries.AsNoTracking().Where(c => areaIds.Contains(c.AreaId) && c.On <= date).ToListAsync(cancellationToken))
            .GroupBy(c => c.AreaCode).ToDictionary(g => g.Key, g => g.OrderBy(c => c.On).ThenBy(c => c.EnteredAt).Last(), StringComparer.Ordinal);
        var summary = BoardSummaries.Summarise(date, since, boardAreas, indicators, indicatorsBefore, actions, overdue.Count, statutory, commentary,
            directions.Where(d => d.IssuedOn > since).ToList());

        return new BoardResponse(
            date,
            time.GetUtcNow(),
            false,
            summary,
            latestInspection is null ? null : ToBoard(latestInspection),
            latestVisit is null ? null : ToBoard(latestVisit),
            latestInspection is null ? null : date.DayNumber - latestInspection.PublishedOn!.Value.DayNumber,
            boardAreas,
            indicators,
            overdue,
            await PlanChecks.CalendarAsync(db, date, DeadlineHorizonDays, cancellationToken),
            directions.Select(OversightApi.ToResponse).ToList(),
            review is null ? null : new BoardReview(review.Review.Id, review.Name, review.Role, review.Review.StartedOn, review.Review.ReportDueOn,
                review.Review.PublishedOn <= date ? review.Review.PublishedOn : null,
                review.Review.PublishedOn <= date ? review.Review.Recommendation : null,
                review.Review.PublishedOn <= date ? review.Review.Findings : []));
    }

    private static BoardInspection ToBoard(Inspection inspection)
    {
        var response = InspectionsApi.ToResponse(inspection);
        return new BoardInspection(inspection.Id, inspection.Type, inspection.OnSiteFrom, inspection.OnSiteTo, inspection.PublishedOn, inspection.OverallEffectiveness, response.Judgements);
    }
}
