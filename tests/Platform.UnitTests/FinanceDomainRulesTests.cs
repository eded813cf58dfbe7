using Platform.Finance.Domain;
using Platform.ServiceDefaults.Domain;

namespace Platform.UnitTests;

/// <summary>Finance's domain rules: the April–March year and its periods, forecast outturn, and virements that must balance.</summary>
public sealed class FinanceDomainRulesTests
{
    [Fact]
    public void A_financial_year_runs_April_to_March_in_twelve_periods()
    {
        var year = new FinancialYear(2019);
        Assert.Equal(("2019-20", new DateOnly(2019, 4, 1), new DateOnly(2020, 3, 31), 366), (year.Name, year.Start, year.End, year.Days));
        Assert.Equal((new DateOnly(2019, 4, 1), new DateOnly(2019, 4, 30)), year.Period(1));
        Assert.Equal((new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 31)), year.Period(12));
        Assert.Equal(2019, FinancialYear.Containing(new DateOnly(2020, 3, 31)).StartYear);
        Assert.Equal(2020, FinancialYear.Containing(new DateOnly(2020, 4, 1)).StartYear);
        Assert.Throws<ArgumentOutOfRangeException>(() => year.Period(13));
        // A post costed from 1 January 2020: 91 days of the year (leap February).
        Assert.Equal(91, year.DaysWithin(new DateOnly(2020, 1, 1), new DateOnly(2021, 1, 1)));
    }

    [Fact]
    public void Forecast_outturn_is_actuals_commitments_adjustments_and_unmet_savings_and_variance_is_forecast_minus_budget()
    {
        var line = new LineForecast("social-work", Budget: 1_000_000m, Actuals: 600_000m, Commitments: 450_000m, Adjustments: -20_000m, UnmetSavings: 50_000m);
        Assert.Equal(1_080_000m, line.Forecast);
        Assert.Equal(80_000m, line.Variance);
    }

    private static VirementMove Move(string centre, string line, decimal amount) => new() { CostCentreCode = centre, BudgetLineCode = line, Amount = amount };

    [Fact]
    public void A_virement_moves_money_between_lines_and_must_balance()
    {
        var now = DateTimeOffset.UnixEpoch;
        var balanced = new Virement(Guid.NewGuid(), new FinancialYear(2019), "Investing in Children",
            [Move("CS100", "social-work", 5_500_000m), Move("CS200", "family-support", -5_500_000m)], "finance.officer", now);
        Assert.Equal(VirementStatus.Draft, balanced.Status);

        var unbalanced = Assert.Throws<DomainRuleException>(() => new Virement(Guid.NewGuid(), new FinancialYear(2019), "x",
            [Move("CS100", "social-work", 100m), Move("CS200", "family-support", -90m)], "finance.officer", now));
        Assert.Equal("lines", unbalanced.Field);
        Assert.Contains("create", unbalanced.Message, StringComparison.Ordinal);
        Assert.Equal("lines", Assert.Throws<DomainRuleException>(() => new Virement(Guid.NewGuid(), new FinancialYear(2019), "x",
            [Move("CS100", "social-work", 100m)], "finance.officer", now)).Field);
        Assert.Equal("lines[1].amount", Assert.Throws<DomainRuleException>(() => new Virement(Guid.NewGuid(), new FinancialYear(2019), "x",
            [Move("CS100", "social-work", 100m), Move("CS200", "family-support", 0m), Move("CS300", "family-support", -100m)], "finance.officer", now)).Field);
    }
}
