using System.Globalization;
using Platform.Inspections.Domain;

namespace Platform.Inspections.Apis;

/// <summary>The board's counts by RAG.</summary>
public sealed record RagCounts(int Red, int Amber, int Green, int NoData);

/// <summary>An area for improvement at a glance: its rating, direction of travel since the previous board and the lead's commentary.</summary>
public sealed record AreaSummary(string Code, string Title, string Rating, string DirectionOfTravel, int OverdueActions, AreasApi.CommentaryResponse? Commentary);

/// <summary>Something that changed between the previous board date and this one.</summary>
public sealed record BoardChange(string Kind, string Subject, string Description);

/// <summary>
/// The top of the board, one screen: indicators by RAG, overdue actions, open actions whose indicators meet their
/// targets, the statutory deadlines still ahead with days remaining, each area's rating, direction and commentary, and
/// what changed since <see cref="Since"/> (the previous board date).
/// </summary>
public sealed record BoardSummary(DateOnly Since, RagCounts Indicators, int OverdueActions, int ActionsWithTargetsMet,
    IReadOnlyList<Deadline> StatutoryDeadlines, IReadOnlyList<AreaSummary> Areas, IReadOnlyList<BoardChange> Changes);

/// <summary>Builds the summary from the board's own parts, so the summary and the sections below it cannot disagree.</summary>
internal static class BoardSummaries
{
    public static BoardSummary Summarise(DateOnly date, DateOnly since, IReadOnlyList<BoardApi.BoardArea> areas,
        IReadOnlyList<IndicatorsApi.IndicatorResponse> indicators, IReadOnlyList<IndicatorsApi.IndicatorResponse> indicatorsBefore,
        IReadOnlyList<ImprovementAction> actions, int overdueActions, IReadOnlyList<Deadline> statutory,
        IReadOnlyDictionary<string, AreaCommentary> commentary, IReadOnlyList<StatutoryDirection> directionsIssued)
    {
        var before = indicatorsBefore.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var counts = new RagCounts(
            indicators.Count(i => i.Status == RagStatuses.Red), indicators.Count(i => i.Status == RagStatuses.Amber),
            indicators.Count(i => i.Status == RagStatuses.Green), indicators.Count(i => i.Status == RagStatuses.NoData));

        var areaSummaries = areas.Select(area => new AreaSummary(area.Code, area.Title,
            BoardRules.AreaRating(area.Indicators.Select(i => i.Status), area.Progress.Overdue),
            BoardRules.AreaTravel(area.Indicators.Select(i => BoardRules.IndicatorTravel(i.Direction, before.GetValueOrDefault(i.Code)?.Value, i.Value))),
            area.Progress.Overdue,
            commentary.TryGetValue(area.Code, out var line) ? AreasApi.ToResponse(line) : null)).ToList();

        var changes = new List<BoardChange>();
        foreach (var direction in directionsIssued.OrderBy(d => d.IssuedOn))
        {
            changes.Add(new BoardChange("direction-issued", direction.Title, $"{direction.Title} issued on {Day(direction.IssuedOn)} by {direction.Issuer}"));
        }
        foreach (var indicator in indicators.Where(i => before.TryGetValue(i.Code, out var then) && then.Status != i.Status))
        {
            changes.Add(new BoardChange("indicator-status", indicator.Code,
                $"{indicator.Name}: {Words(before[indicator.Code].Status)} to {Words(indicator.Status)}"));
        }
        foreach (var action in actions.Where(a => a.CompletedOn > since && a.CompletedOn <= date).OrderBy(a => a.CompletedOn))
        {
            changes.Add(new BoardChange("action-completed", action.AreaCode, $"{action.AreaCode}: {action.Title} completed on {Day(action.CompletedOn!.Value)}"));
        }
        foreach (var action in actions.Where(a => a.DueOn >= since && a.DueOn < date && a.IsOverdueOn(date)).OrderBy(a => a.DueOn))
        {
            changes.Add(new BoardChange("action-overdue", action.AreaCode, $"{action.AreaCode}: {action.Title} became overdue (due {Day(action.DueOn)})"));
        }

        return new BoardSummary(since, counts, overdueActions,
            areas.Sum(a => a.Actions.Count(x => x.IndicatorsMeetTarget)),
            statutory, areaSummaries, changes);
    }

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Words(string code) => code.Replace('-', ' ');
}
