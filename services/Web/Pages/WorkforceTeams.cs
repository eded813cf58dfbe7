using Platform.Web.Gateway;

namespace Platform.Web.Pages;

/// <summary>The Workforce establishment's teams (every page of <c>/api/workforce/teams</c>), so pages can name teams instead of showing their codes.</summary>
public static class WorkforceTeams
{
    private const int PageSize = 200;
    private const int MaxPages = 50;

    public static async Task<(IReadOnlyList<Team> Teams, ApiProblem? Problem)> LoadAsync(GatewayClient gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var teams = new List<Team>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var answer = await gateway.GetAsync<PageOf<Team>>($"/api/workforce/teams?pageSize={PageSize}&page={page}", cancellationToken);
            if (!answer.IsSuccess) return (teams, answer.Problem);
            teams.AddRange(answer.Value!.Items);
            if (answer.Value.Items.Count < PageSize || teams.Count >= answer.Value.TotalCount) break;
        }
        return (teams, null);
    }

    /// <summary>Team names by code; empty when the teams cannot be read (the pages then show the codes).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(GatewayClient gateway, CancellationToken cancellationToken) =>
        Names((await LoadAsync(gateway, cancellationToken)).Teams);

    public static IReadOnlyDictionary<string, string> Names(IEnumerable<Team> teams) =>
        teams.GroupBy(t => t.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.OrdinalIgnoreCase);
}
