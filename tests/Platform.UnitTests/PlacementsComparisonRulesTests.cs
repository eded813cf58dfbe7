using Platform.Placements.Domain;

namespace Platform.UnitTests;

/// <summary>How the care population's growth is compared with England's (Placements' /indicators/comparison).</summary>
public sealed class PlacementsComparisonRulesTests
{
    [Fact]
    public void Growth_is_the_change_of_the_rate_per_10000_from_the_previous_31_March_for_the_council_and_for_England()
    {
        var years = CareComparison.Build(
        [
            new CareComparison.YearFigures(2019, 922, 58_000, 67m, 134.8m),
            new CareComparison.YearFigures(2018, 858, 58_000, 65m, 134.8m),
        ]);

        Assert.Equal([2018, 2019], years.Select(y => y.CollectionYear));
        Assert.Equal(new DateOnly(2020, 3, 31), years[1].AsAt);
        // 858 / 58,000 × 10,000 = 147.9; 922 → 159.0; growth (159.0 − 147.9) / 147.9 = 7.5 %; England (67 − 65) / 65 = 3.1 %.
        Assert.Equal((147.9m, 159.0m), (years[0].RatePer10000, years[1].RatePer10000));
        Assert.Null(years[0].GrowthPercent);
        Assert.Equal(7.5m, years[1].GrowthPercent);
        Assert.Equal(3.1m, years[1].EnglandGrowthPercent);
    }

    [Fact]
    public void No_growth_across_a_missing_year_or_without_a_rate()
    {
        var years = CareComparison.Build(
        [
            new CareComparison.YearFigures(2015, 700, 58_000, 60m, null),
            new CareComparison.YearFigures(2017, 800, 58_000, 64m, null),
            new CareComparison.YearFigures(2018, 850, null, 65m, null),
        ]);

        Assert.Null(years[1].GrowthPercent);
        Assert.Null(years[1].EnglandGrowthPercent);
        // 2018 has no population, so no rate and no growth of it; England's rate still grew (64 → 65 = 1.6 %).
        Assert.Null(years[2].RatePer10000);
        Assert.Null(years[2].GrowthPercent);
        Assert.Equal(1.6m, years[2].EnglandGrowthPercent);
    }

    [Theory]
    [InlineData(100, 110, 10.0)]
    [InlineData(148, 159, 7.4)]
    [InlineData(67, 65, -3.0)]
    public void Growth_is_a_percentage_to_one_decimal_place(int previous, int current, double expected) =>
        Assert.Equal((decimal)expected, CareComparison.Growth(previous, current));
}
