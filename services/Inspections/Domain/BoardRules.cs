namespace Platform.Inspections.Domain;

/// <summary>
/// How the board rates an area for improvement and reads its direction of travel (docs/inspections.md, "The board's
/// summary"): one definition, used by the board API and so by every screen and pack that shows it.
/// </summary>
public static class BoardRules
{
    public static class Travel
    {
        public const string Improving = "improving";
        public const string Worsening = "worsening";
        public const string NoChange = "no-change";
        public const string NotKnown = "not-known";
    }

    /// <summary>
    /// Red when one of its indicators is red or one of its actions is overdue; amber when one of its indicators is amber;
    /// green when at least one indicator has a value and all with values are green; no data otherwise.
    /// </summary>
    public static string AreaRating(IEnumerable<string> indicatorStatuses, int overdueActions)
    {
        ArgumentNullException.ThrowIfNull(indicatorStatuses);
        var statuses = indicatorStatuses.ToList();
        if (overdueActions > 0 || statuses.Contains(RagStatuses.Red)) return RagStatuses.Red;
        if (statuses.Contains(RagStatuses.Amber)) return RagStatuses.Amber;
        return statuses.Contains(RagStatuses.Green) ? RagStatuses.Green : RagStatuses.NoData;
    }

    /// <summary>An indicator's movement between two dates, in its better direction; not known without both values.</summary>
    public static string IndicatorTravel(string direction, decimal? before, decimal? after)
    {
        if (before is not { } from || after is not { } to) return Travel.NotKnown;
        if (from == to) return Travel.NoChange;
        var better = direction == Directions.LowerIsBetter ? to < from : to > from;
        return better ? Travel.Improving : Travel.Worsening;
    }

    /// <summary>An area's direction of travel: improving when more of its indicators improved than worsened, and the reverse.</summary>
    public static string AreaTravel(IEnumerable<string> indicatorTravels)
    {
        ArgumentNullException.ThrowIfNull(indicatorTravels);
        var known = indicatorTravels.Where(t => t != Travel.NotKnown).ToList();
        if (known.Count == 0) return Travel.NotKnown;
        var balance = known.Count(t => t == Travel.Improving) - known.Count(t => t == Travel.Worsening);
        return balance > 0 ? Travel.Improving : balance < 0 ? Travel.Worsening : Travel.NoChange;
    }

    /// <summary>An area's open actions say their indicators meet the target when every indicator with a value is green.</summary>
    public static bool IndicatorsMeetTarget(IEnumerable<string> indicatorStatuses)
    {
        ArgumentNullException.ThrowIfNull(indicatorStatuses);
        var rated = indicatorStatuses.Where(s => s != RagStatuses.NoData).ToList();
        return rated.Count > 0 && rated.All(s => s == RagStatuses.Green);
    }
}
