using Platform.ServiceDefaults.Domain;

namespace Platform.Placements.Domain;

/// <summary>
/// Reference data for one 903 collection year (1 April to 31 March, named by the year it starts): the ONS mid-year
/// estimate of children under 18 living in the council's area, and the published rates of children looked after per
/// 10,000 under-18s for England and for the council's statistical neighbours.
/// </summary>
public sealed class PopulationReference
{
    public const int MaxPopulation = 5_000_000;
    public const decimal MaxRate = 10_000m;

    private PopulationReference() { }

    public PopulationReference(int collectionYear) => CollectionYear = collectionYear;

    /// <summary>The year the collection year starts (2018 = 2018-19).</summary>
    public int CollectionYear { get; private set; }

    public int? Under18Population { get; private set; }

    public decimal? EnglandRatePer10000 { get; private set; }

    public decimal? StatisticalNeighbourRatePer10000 { get; private set; }

    public void SetUnder18Population(int population)
    {
        if (population is < 1 or > MaxPopulation) throw DomainRuleException.ForField("under18Population", $"Must be between 1 and {MaxPopulation}.");
        Under18Population = population;
    }

    /// <summary>Sets the year's published rates; the neighbours' rate may be unknown (null).</summary>
    public void SetComparators(decimal englandRate, decimal? statisticalNeighbourRate)
    {
        if (englandRate is < 0 or > MaxRate) throw DomainRuleException.ForField("englandRatePer10000", $"Must be between 0 and {MaxRate}.");
        if (statisticalNeighbourRate is < 0 or > MaxRate)
        {
            throw DomainRuleException.ForField("statisticalNeighbourRatePer10000", $"Must be between 0 and {MaxRate}.");
        }
        EnglandRatePer10000 = englandRate;
        StatisticalNeighbourRatePer10000 = statisticalNeighbourRate;
    }

    /// <summary>The collection year a date falls in (April–March).</summary>
    public static int CollectionYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>Children looked after per 10,000 under-18s, to one decimal place.</summary>
    public static decimal? RatePer10000(int childrenLookedAfter, int? under18Population) =>
        under18Population is > 0 ? decimal.Round(childrenLookedAfter * 10_000m / under18Population.Value, 1, MidpointRounding.AwayFromZero) : null;
}
