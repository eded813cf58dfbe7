using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Platform.Web.Pages;

namespace Platform.UnitTests;

/// <summary>The GOV.UK date input's reading and messages, and money as a board reads it.</summary>
public sealed class WebPresentationRulesTests
{
    private static DateInput Read(string? day, string? month, string? year, string? iso = null)
    {
        var values = new Dictionary<string, StringValues>();
        if (day is not null) values["asAt-day"] = day;
        if (month is not null) values["asAt-month"] = month;
        if (year is not null) values["asAt-year"] = year;
        if (iso is not null) values["asAt"] = iso;
        return DateInput.Read(new QueryCollection(values), "asAt", "Board date");
    }

    [Fact]
    public void Day_month_and_year_typed_as_people_type_them_make_the_date()
    {
        var input = Read("1", "11", "2019");
        Assert.Equal(new DateOnly(2019, 11, 1), input.Value);
        Assert.Null(input.Problem);
        Assert.Equal(new DateOnly(2020, 3, 31), Read(" 31 ", "03", "2020").Value);
    }

    [Theory]
    [InlineData("31", "2", "2020", "Board date must be a real date", "asAt-day")]
    [InlineData("29", "2", "2019", "Board date must be a real date", "asAt-day")]
    [InlineData("1", "13", "2019", "Board date must be a real date", "asAt-day")]
    [InlineData("a", "11", "2019", "Board date must be a real date", "asAt-day")]
    [InlineData("1", "", "2019", "Board date must include a month", "asAt-month")]
    [InlineData("", "", "2019", "Board date must include a day and month", "asAt-day")]
    [InlineData("", "", "", "Enter the board date", "asAt-day")]
    [InlineData("1", "11", "19", "Year must include 4 numbers", "asAt-year")]
    public void An_incomplete_or_impossible_date_gets_the_GOV_UK_message_linked_to_the_first_field_in_error(string day, string month, string year, string message, string anchor)
    {
        var input = Read(day, month, year);
        Assert.Null(input.Value);
        Assert.Equal(message, input.Error);
        Assert.Equal([message], input.Problem!.Errors[anchor]);
    }

    [Fact]
    public void A_link_carries_the_date_as_one_ISO_value_which_the_fields_then_show()
    {
        var linked = Read(null, null, null, "2019-11-01").Showing(new DateOnly(2019, 11, 1));
        Assert.Equal(("1", "11", "2019"), (linked.Day, linked.Month, linked.Year));
        Assert.Equal("Board date must be a real date", Read(null, null, null, "2019-02-30").Error);
        Assert.Null(Read(null, null, null).Value);
    }

    [Theory]
    [InlineData(78_285_557, "£78.3m")]
    [InlineData(5_500_000, "£5.5m")]
    [InlineData(850_400, "£850k")]
    [InlineData(-1_250_000, "-£1.3m")]
    [InlineData(950, "£950")]
    public void Money_on_the_board_is_in_millions_or_thousands(decimal pounds, string shown) => Assert.Equal(shown, Format.Board(pounds, "£"));

    [Fact]
    public void Other_units_on_the_board_are_shown_as_everywhere_else() => Assert.Equal(Format.Value(12.5m, "%"), Format.Board(12.5m, "%"));
}
