using Platform.Finance.Domain;
using Platform.Finance.IntegrationEvents;
using Platform.ServiceDefaults.Domain;
using V1 = Platform.Contracts.Finance.V1;

namespace Platform.UnitTests;

/// <summary>
/// What Finance's entities tell the other services: budgets set and moved, savings missed, and the forecast after each
/// recalculation, raised by the entities and mapped in one place.
/// </summary>
public sealed class FinanceDomainEventsTests
{
    private static readonly FinancialYear Year = new(2019);
    private static readonly DateOnly ApprovedOn = new(2019, 6, 1);
    private static readonly DateTimeOffset Now = new(2019, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FinanceIntegrationEvents _mapping = new();

    private List<object> Published(params Entity[] entities) =>
        [.. entities.SelectMany(e => e.PendingDomainEvents).SelectMany(_mapping.Map)];

    private static Budget BudgetOf(string centre, string line, decimal amount) =>
        new(Guid.NewGuid(), Year, centre, line, amount, "Original budget", "finance-officer", new DateOnly(2019, 3, 1), Now);

    [Fact]
    public void An_approved_virement_publishes_itself_and_each_moved_line_s_new_budget()
    {
        var from = BudgetOf("CORP-1", BudgetLineCodes.OtherCouncilServices, 10_000_000m);
        var to = BudgetOf("CSC-1", "social-work", 4_000_000m);
        var moves = new List<VirementMove>
        {
            new() { CostCentreCode = "CORP-1", BudgetLineCode = BudgetLineCodes.OtherCouncilServices, Amount = -5_500_000m },
            new() { CostCentreCode = "CSC-1", BudgetLineCode = "social-work", Amount = 5_500_000m },
        };
        var virement = new Virement(Guid.NewGuid(), Year, "Investing in Children", moves, "finance-officer", Now);
        virement.Approve(new Dictionary<(string, string), Budget> { [("CORP-1", from.BudgetLineCode)] = from, [("CSC-1", "social-work")] = to },
            "director", ApprovedOn, Now);

        Assert.Equal([4_500_000m, 9_500_000m], Published(from, to).OfType<V1.BudgetSet>().Where(b => b.ApprovedOn == ApprovedOn).Select(b => b.Amount));
        var approved = Assert.IsType<V1.VirementApproved>(Assert.Single(Published(virement)));
        Assert.Equal(0m, approved.Lines.Sum(l => l.Amount));
        Assert.Equal(("director", 2), (approved.ApprovedBy, approved.Lines.Count));
    }

    [Fact]
    public void A_savings_target_is_published_as_missed_once_when_reported_missed_or_closed_short()
    {
        var reported = new SavingsTarget(Guid.NewGuid(), Year, "Agency reduction", "workforce", "social-work", 500_000m);
        reported.Report(SavingsStatus.AtRisk, 200_000m);
        reported.Report(SavingsStatus.Missed, 250_000m);
        reported.Report(SavingsStatus.Missed, 260_000m);
        Assert.Equal(250_000m, Assert.IsType<V1.SavingsTargetMissed>(Assert.Single(Published(reported))).Shortfall);

        var closed = new SavingsTarget(Guid.NewGuid(), Year, "Placement review", "placements", "fostering-services", 300_000m);
        closed.Report(SavingsStatus.OnTrack, 100_000m);
        Assert.True(closed.CloseYear());
        Assert.False(closed.CloseYear());
        Assert.Equal(200_000m, Assert.IsType<V1.SavingsTargetMissed>(Assert.Single(Published(closed))).Shortfall);
    }

    [Fact]
    public void Each_recalculation_publishes_the_changed_lines_and_the_overspend_threshold_only_when_crossed()
    {
        var state = new YearForecastState(2019);
        YearForecast Overspending(decimal by) => new(2019, [new LineForecast("social-work", 1_000_000m, 1_000_000m + by, 0, 0, 0)]);
        var changed = new Dictionary<string, DateOnly> { ["social-work"] = ApprovedOn };

        state.Recalculated(Overspending(1_500_000m), changed, 1_000_000m, ApprovedOn, Now);
        state.Recalculated(Overspending(1_600_000m), changed, 1_000_000m, ApprovedOn, Now);
        state.Recalculated(Overspending(200_000m), changed, 1_000_000m, ApprovedOn, Now);

        var published = Published(state);
        Assert.Equal([2_500_000m, 2_600_000m, 1_200_000m], published.OfType<V1.ForecastUpdated>().Select(f => f.Forecast));
        Assert.Equal(["above", "below"], published.OfType<V1.OverspendThresholdCrossed>().Select(c => c.Direction));
    }
}
