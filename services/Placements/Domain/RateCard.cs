using Platform.ServiceDefaults.Domain;

namespace Platform.Placements.Domain;

/// <summary>
/// The weekly rate the council pays for a placement type from a provider. An entry with no provider is the default for
/// the placement type; a provider-specific entry (e.g. U4 from PR4, an independent fostering agency) takes precedence.
/// </summary>
public sealed class RateCardEntry
{
    /// <summary>Stored provider key of a placement type's default entry.</summary>
    public const string AnyProvider = "";

    private RateCardEntry() { }

    public RateCardEntry(string placementType, string? placementProvider, decimal weeklyRate)
    {
        if (!CodeLists.PlacementType.Contains(placementType)) throw DomainRuleException.ForField("placementType", $"Unknown placement type '{placementType}'.");
        if (placementProvider is not null && !CodeLists.PlacementProvider.Contains(placementProvider))
        {
            throw DomainRuleException.ForField("placementProvider", $"Unknown placement provider '{placementProvider}'.");
        }
        PlacementType = placementType;
        Provider = placementProvider ?? AnyProvider;
        SetRate(weeklyRate);
    }

    public string PlacementType { get; private set; } = "";

    /// <summary>PLACE_PROVIDER code, or <see cref="AnyProvider"/> for the placement type's default.</summary>
    public string Provider { get; private set; } = AnyProvider;

    public decimal WeeklyRate { get; private set; }

    public void SetRate(decimal weeklyRate)
    {
        if (weeklyRate is < 0 or > Episode.MaxWeeklyCost) throw DomainRuleException.ForField("weeklyRate", $"Must be between 0 and {Episode.MaxWeeklyCost}.");
        WeeklyRate = weeklyRate;
    }

    /// <summary>
    /// Seeded defaults (illustrative 2019 weekly rates in pounds, not any council's actual prices): in-house fostering is
    /// far cheaper than agency fostering, and residential care costs several times either.
    /// </summary>
    public static IEnumerable<(string PlacementType, string Provider, decimal WeeklyRate)> Defaults()
    {
        var byType = new Dictionary<string, decimal>
        {
            ["A3"] = 0m, ["A4"] = 0m, ["A5"] = 0m, ["A6"] = 0m, ["H5"] = 1_200m, ["K1"] = 6_000m, ["K2"] = 3_900m,
            ["P1"] = 0m, ["P2"] = 600m, ["P3"] = 300m, ["R1"] = 4_200m, ["R2"] = 2_000m, ["R3"] = 2_500m, ["R5"] = 0m,
            ["S1"] = 3_000m, ["T0"] = 0m, ["T1"] = 0m, ["T2"] = 0m, ["T3"] = 450m, ["T4"] = 450m,
            ["U1"] = 250m, ["U2"] = 250m, ["U3"] = 250m, ["U4"] = 450m, ["U5"] = 450m, ["U6"] = 450m, ["Z1"] = 1_500m,
        };
        foreach (var (type, rate) in byType) yield return (type, AnyProvider, rate);
        foreach (var type in new[] { "U4", "U5", "U6" })
        {
            yield return (type, "PR4", 850m);
            yield return (type, "PR5", 800m);
        }
        yield return ("K2", "PR1", 3_000m);
        yield return ("R1", "PR1", 3_200m);
    }
}
