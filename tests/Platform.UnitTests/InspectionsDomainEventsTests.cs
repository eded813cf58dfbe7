using Platform.Inspections.Domain;
using Platform.Inspections.IntegrationEvents;
using Platform.ServiceDefaults.Domain;
using V1 = Platform.Contracts.Inspections.V1;

namespace Platform.UnitTests;

/// <summary>What Inspections' entities tell the board and the other services, raised by the entities and mapped in one place.</summary>
public sealed class InspectionsDomainEventsTests
{
    private readonly InspectionsIntegrationEvents _mapping = new();

    private List<object> Published(params Entity[] entities) =>
        [.. entities.SelectMany(e => e.PendingDomainEvents).SelectMany(_mapping.Map)];

    [Fact]
    public void A_direction_is_published_as_issued_with_its_first_deadline()
    {
        var direction = new StatutoryDirection(Guid.NewGuid(), new DateOnly(2019, 2, 1), "Secretary of State for Education", "Improvement direction", null,
            [("Appoint a commissioner", new DateOnly(2019, 5, 1)), ("Improvement plan", new DateOnly(2019, 3, 29)), ("Monthly reports", null)]);

        var issued = Assert.IsType<V1.DirectionIssued>(Assert.Single(Published(direction)));
        Assert.Equal((new DateOnly(2019, 3, 29), 3), (issued.FirstDeadline, direction.Requirements.Count));
    }

    [Fact]
    public void A_deadline_notice_publishes_the_days_remaining()
    {
        var notice = new DeadlineNotice(Guid.NewGuid(), "direction", "Improvement plan", new DateOnly(2019, 3, 29), new DateOnly(2019, 3, 15));
        Assert.Equal(14, Assert.IsType<V1.DeadlineApproaching>(Assert.Single(Published(notice))).DaysRemaining);
    }
}

/// <summary>An indicator's re-rating: live value changes always, RAG changes as such, nothing when nothing moved.</summary>
public sealed class InspectionsIndicatorEventsTests
{
    [Fact]
    public void Re_rating_publishes_a_value_change_for_live_tiles_and_a_status_change_only_when_the_RAG_moves()
    {
        var mapping = new InspectionsIntegrationEvents();
        // Vacancy rate, lower is better: target 10%, amber up to 15%.
        var indicator = new Indicator("VAC", "Vacancy rate", Measures.VacancyRate, null, null, 10m, 5m, null);
        indicator.Baseline(20m);
        Assert.True(indicator.Evaluate(12m, new DateOnly(2019, 6, 1)));
        Assert.False(indicator.Evaluate(13m, new DateOnly(2019, 7, 1)));
        Assert.False(indicator.Evaluate(13m, new DateOnly(2019, 8, 1)));

        var published = indicator.PendingDomainEvents.SelectMany(mapping.Map).ToList();
        Assert.Equal(("red", "amber"), (Assert.Single(published.OfType<V1.IndicatorStatusChanged>()).PreviousStatus, published.OfType<V1.IndicatorStatusChanged>().Single().Status));
        Assert.Equal([12m, 13m], published.OfType<V1.IndicatorValueChanged>().Select(v => v.Value));
    }
}
