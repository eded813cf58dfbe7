namespace Platform.Placements.Domain;

/// <summary>
/// The council's children looked after at one 31 March against England's and its statistical neighbours' published
/// rates, with the growth of each rate from the previous 31 March (null when either year's rate is missing).
/// </summary>
public sealed record ComparisonYear(
    int CollectionYear, DateOnly AsAt, int ChildrenLookedAfter, int? Under18Population, decimal? RatePer10000,
    decimal? EnglandRatePer10000, decimal? StatisticalNeighbourRatePer10000, decimal? GrowthPercent, decimal? EnglandGrowthPercent);

/// <summary>How the care population's growth is compared with England's: the change of the rate per 10,000 from one 31 March to the next.</summary>
public static class CareComparison
{
    /// <summary>One collection year's figures before growth is worked out.</summary>
    public sealed record YearFigures(int CollectionYear, int ChildrenLookedAfter, int? Under18Population, decimal? EnglandRatePer10000,
        decimal? StatisticalNeighbourRatePer10000);

    /// <summary>The percentage change from <paramref name="previous"/> to <paramref name="current"/>, to one decimal place.</summary>
    public static decimal? Growth(decimal? previous, decimal? current) =>
        previous is > 0 && current is { } now
            ? decimal.Round((now - previous.Value) * 100m / previous.Value, 1, MidpointRounding.AwayFromZero)
            : null;

    /// <summary>
    /// The years in order, each with its growth from the year before it. Growth is only worked out between consecutive
    /// collection years: across a gap it would not be a year's growth.
    /// </summary>
    public static IReadOnlyList<ComparisonYear> Build(IEnumerable<YearFigures> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var result = new List<ComparisonYear>();
        foreach (var year in years.OrderBy(y => y.CollectionYear))
        {
            var rate = PopulationReference.RatePer10000(year.ChildrenLookedAfter, year.Under18Population);
            var previous = result.Count > 0 && result[^1].CollectionYear == year.CollectionYear - 1 ? result[^1] : null;
            result.Add(new ComparisonYear(year.CollectionYear, new DateOnly(year.CollectionYear + 1, 3, 31), year.ChildrenLookedAfter,
                year.Under18Population, rate, year.EnglandRatePer10000, year.StatisticalNeighbourRatePer10000,
                Growth(previous?.RatePer10000, rate), Growth(previous?.EnglandRatePer10000, year.EnglandRatePer10000)));
        }
        return result;
    }
}
