using Platform.Placements.Domain.Ssda903;

namespace Platform.UnitTests;

/// <summary>How an imported episode holds HOME_POST and PL_POST (read once while the return is staged).</summary>
public sealed class Ssda903PostcodeTests
{
    [Theory]
    [InlineData("ST1 1BQ", "ST1 1BQ", "ST1")]
    [InlineData("ST11BQ", "ST1 1BQ", "ST1")]
    [InlineData("SW1A1AA", "SW1A 1AA", "SW1A")]
    [InlineData("M1 1AE", "M1 1AE", "M1")]
    [InlineData("ST4", null, "ST4")]
    [InlineData("EC1A", null, "EC1A")]
    [InlineData("ST1  1BQ", null, null)]
    [InlineData("ST1 1BQ ", null, null)]
    [InlineData("NOT KNOWN", null, null)]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    public void A_full_postcode_is_held_with_one_space_and_its_district_a_district_alone_as_a_district_anything_else_not(
        string? value, string? full, string? district)
    {
        Assert.Equal(full, Ssda903Postcode.Full(value));
        Assert.Equal(district, Ssda903Postcode.District(value));
    }

    [Fact]
    public void A_date_read_twice_reads_the_same_and_a_bad_date_stays_bad()
    {
        var row = new Ssda903Row(Ssda903Tables.Episodes, 2, ["C1", "1/4/2013", "S", "C2", "N1", "U6", "PR1", "31/02/2014", null, null, null, null, null]);

        Assert.Equal(new DateOnly(2013, 4, 1), row.Date("DECOM"));
        Assert.Equal(new DateOnly(2013, 4, 1), row.Date("DECOM"));
        Assert.Null(row.Date("DEC"));
        Assert.True(row.IsBadDate("DEC"));
        Assert.False(row.IsBadDate("DECOM"));
        Assert.Null(row.Date("REC"));
        Assert.False(row.IsBadDate("REC"));
    }
}
