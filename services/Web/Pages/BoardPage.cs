using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>Everything the board shows for a date: the Inspections board, each indicator's series and the names of the teams indicators are for.</summary>
public sealed record BoardView(Board Board, IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> Series, bool CanWrite, bool Print,
    IReadOnlyDictionary<string, string>? TeamNames = null)
{
    public IndicatorTile Tile(Indicator indicator) =>
        new(indicator, Series.TryGetValue(indicator.Code, out var series) ? series : [], Print ? "print" : "board",
            indicator?.TeamCode is { } team ? Format.Team(team, TeamNames) : null);

    /// <summary>Indicators not linked to an area shown on the board.</summary>
    public IReadOnlyList<Indicator> OtherIndicators =>
        Board.Indicators.Where(i => i.AreaCode is null || Board.Areas.All(a => a.Code != i.AreaCode)).ToList();
}

/// <summary>Loads the board through the gateway with the user's token.</summary>
public static class BoardLoader
{
    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<(BoardView? View, ApiProblem? Problem)> LoadAsync(GatewayClient gateway, DateOnly asAt, bool canWrite, bool print, CancellationToken cancellationToken)
    {
        var board = await gateway.GetAsync<Board>($"/api/inspections/board?asAt={Format.Iso(asAt)}", cancellationToken);
        if (!board.IsSuccess) return (null, board.Problem);
        var series = await Task.WhenAll(board.Value!.Indicators.Select(async i => (i.Code, Detail: await SeriesAsync(gateway, i.Code, asAt, cancellationToken))));
        // Team indicators are shown with the team's name (codes are not for readers); without the names, the codes.
        var teamNames = board.Value.Indicators.Any(i => i.TeamCode is not null) ? await WorkforceTeams.NamesAsync(gateway, cancellationToken) : null;
        return (new BoardView(board.Value, series.ToDictionary(s => s.Code, s => s.Detail), canWrite, print, teamNames), null);
    }

    public static async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(GatewayClient gateway, string code, DateOnly asAt, CancellationToken cancellationToken)
    {
        var detail = await gateway.GetAsync<IndicatorDetail>($"/api/inspections/indicators/{Uri.EscapeDataString(code)}?asAt={Format.Iso(asAt)}", cancellationToken);
        return detail.IsSuccess ? detail.Value!.Series : [];
    }
}
