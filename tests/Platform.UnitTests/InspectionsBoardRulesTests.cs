using Platform.Inspections.Domain;
using Platform.ServiceDefaults.Domain;

namespace Platform.UnitTests;

/// <summary>How the board rates an area, reads its direction of travel and flags actions whose indicators meet their targets.</summary>
public sealed class InspectionsBoardRulesTests
{
    [Theory]
    [InlineData(new[] { "green", "green" }, 1, "red")]
    [InlineData(new[] { "green", "red" }, 0, "red")]
    [InlineData(new[] { "green", "amber", "no-data" }, 0, "amber")]
    [InlineData(new[] { "green", "no-data" }, 0, "green")]
    [InlineData(new[] { "no-data" }, 0, "no-data")]
    [InlineData(new string[0], 0, "no-data")]
    [InlineData(new string[0], 2, "red")]
    public void An_area_is_red_for_a_red_indicator_or_an_overdue_action_then_amber_then_green_with_a_value(string[] statuses, int overdue, string rating) =>
        Assert.Equal(rating, BoardRules.AreaRating(statuses, overdue));

    [Theory]
    [InlineData("lower-is-better", 30, 18, "improving")]
    [InlineData("lower-is-better", 18, 30, "worsening")]
    [InlineData("higher-is-better", 60, 90, "improving")]
    [InlineData("higher-is-better", 90, 60, "worsening")]
    [InlineData("higher-is-better", 90, 90, "no-change")]
    public void An_indicator_moves_in_its_better_direction_or_not(string direction, int before, int after, string travel) =>
        Assert.Equal(travel, BoardRules.IndicatorTravel(direction, before, after));

    [Fact]
    public void Without_both_values_the_travel_is_not_known()
    {
        Assert.Equal(BoardRules.Travel.NotKnown, BoardRules.IndicatorTravel(Directions.HigherIsBetter, null, 5m));
        Assert.Equal(BoardRules.Travel.NotKnown, BoardRules.AreaTravel([BoardRules.Travel.NotKnown]));
    }

    [Fact]
    public void An_area_improves_when_more_of_its_indicators_improved_than_worsened()
    {
        Assert.Equal("improving", BoardRules.AreaTravel(["improving", "improving", "worsening", "not-known"]));
        Assert.Equal("worsening", BoardRules.AreaTravel(["improving", "worsening", "worsening"]));
        Assert.Equal("no-change", BoardRules.AreaTravel(["improving", "worsening"]));
    }

    [Theory]
    [InlineData(new[] { "green", "green", "no-data" }, true)]
    [InlineData(new[] { "green", "amber" }, false)]
    [InlineData(new[] { "no-data" }, false)]
    public void Actions_say_their_indicators_meet_the_target_only_when_every_rated_indicator_is_green(string[] statuses, bool met) =>
        Assert.Equal(met, BoardRules.IndicatorsMeetTarget(statuses));

    [Theory]
    [InlineData("", "Enter the commentary.")]
    [InlineData("   ", "Enter the commentary.")]
    [InlineData("Two\nlines", "Must be one line, without line breaks.")]
    public void A_commentary_line_is_one_non_blank_line(string text, string message)
    {
        var area = new Inspection(Guid.NewGuid(), "ilacs-standard", new DateOnly(2019, 2, 4), new DateOnly(2019, 2, 15), new DateOnly(2019, 3, 19), null)
            .AddArea("AFI-01", "Management oversight", null, false);
        var refused = Assert.Throws<DomainRuleException>(() => new AreaCommentary(Guid.NewGuid(), area, text, new DateOnly(2019, 6, 1), "lead", DateTimeOffset.UtcNow));
        Assert.Equal("text", refused.Field);
        Assert.Equal(message, refused.Message);
        Assert.Throws<DomainRuleException>(() => new AreaCommentary(Guid.NewGuid(), area, new string('x', AreaCommentary.MaxLength + 1), new DateOnly(2019, 6, 1), "lead", DateTimeOffset.UtcNow));
        Assert.Equal("Kept", new AreaCommentary(Guid.NewGuid(), area, "  Kept ", new DateOnly(2019, 6, 1), "lead", DateTimeOffset.UtcNow).Text);
    }
}
