using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;
using Platform.Placements.IntegrationEvents;
using Platform.ServiceDefaults.Domain;

namespace Platform.UnitTests;

/// <summary>What a child's episodes tell Finance: a placement starting, moving, its cost changing and care ending.</summary>
public sealed class PlacementsDomainEventsTests
{
    private readonly PlacementsIntegrationEvents _mapping = new();

    private List<object> Published(params Entity[] entities) =>
        [.. entities.SelectMany(e => e.PendingDomainEvents).SelectMany(_mapping.Map)];

    private static NewEpisode Foster(DateOnly start, string reason) =>
        new(start, reason, "C2", "N1", "U4", "PR1", "ST4", "ST4", "SC123456");

    [Fact]
    public void A_period_of_care_is_published_from_becoming_looked_after_through_a_move_to_ceasing()
    {
        var child = new Child("ST000001", "F", new DateOnly(2010, 5, 1), "WBRI", isUasc: false);
        var first = child.StartEpisode(null, Guid.NewGuid(), Foster(new DateOnly(2019, 4, 10), "S"), 400m, isCostOverride: false, null);
        var moved = child.StartEpisode(first, Guid.NewGuid(), Foster(new DateOnly(2019, 8, 1), "P"), 420m, isCostOverride: false, "CARPL");
        moved.OverrideWeeklyCost(450m, new DateOnly(2019, 9, 1));
        child.Cease(moved, new DateOnly(2020, 1, 31), "E8");

        Assert.Equal([typeof(PlacementStarted), typeof(ChildBecameLookedAfter), typeof(PlacementEnded)], Published(first).Select(e => e.GetType()));
        Assert.Equal("X1", ((PlacementEnded)Published(first)[2]).ReasonEpisodeCeased);
        var fromMove = Published(moved);
        Assert.Equal([typeof(PlacementStarted), typeof(PlacementChanged), typeof(PlacementEnded), typeof(EpisodeCeased)], fromMove.Select(e => e.GetType()));
        Assert.Equal((450m, new DateOnly(2019, 9, 1)), (((PlacementChanged)fromMove[1]).WeeklyCost, ((PlacementChanged)fromMove[1]).EffectiveFrom));
        Assert.Equal("E8", ((EpisodeCeased)fromMove[3]).ReasonEpisodeCeased);
    }
}
