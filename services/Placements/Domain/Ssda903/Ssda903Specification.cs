namespace Platform.Placements.Domain.Ssda903;

/// <summary>
/// The 903 collection of one year: its code lists and the rules the DfE applies to it. A new collection year is a new
/// instance here (new data) plus rules that say from which year they apply — the rules of earlier years are not edited.
/// Years are named by the April they start: 2025 is the 2025-26 collection (1 April 2025 – 31 March 2026).
/// </summary>
public sealed class Ssda903Specification
{
    private static readonly string[] PlacementTypesUntil2023 =
    [
        "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
        "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
    ];

    private static readonly string[] Temporary = ["T0", "T1", "T2", "T3", "T4"];

    /// <summary>The collections this platform validates (the oldest is the earliest a council is likely to reload).</summary>
    public static readonly IReadOnlyList<Ssda903Specification> Collections =
    [
        // Until 2023-24: numeric SEX, the 27 placement types of the 2017 schema (older returns are read with it too).
        new(2000, 2023, sex: ["1", "2"], placementTypes: PlacementTypesUntil2023, otherPlacements: ["Z1"]),
        // 2024-25: SEX M/F/U; K3 supported accommodation (Ofsted-registered from autumn 2023).
        new(2024, 2024, sex: ["M", "F", "U"], placementTypes: [.. PlacementTypesUntil2023, "K3"], otherPlacements: ["Z1"]),
        // 2025-26: H5, P2 and Z1 withdrawn; Z1 split into Z11–Z14.
        new(2025, 2025, sex: ["M", "F", "U"],
            placementTypes: [.. PlacementTypesUntil2023.Except(["H5", "P2", "Z1"]), "K3", "Z11", "Z12", "Z13", "Z14"],
            otherPlacements: ["Z11", "Z12", "Z13", "Z14"]),
    ];

    private Ssda903Specification(int firstYear, int lastYear, string[] sex, string[] placementTypes, string[] otherPlacements)
    {
        FirstYear = firstYear;
        LastYear = lastYear;
        Sex = Set(sex);
        PlacementTypes = Set(placementTypes);
        OtherPlacements = Set(otherPlacements);
        PlacementsWithoutProvider = Set([.. Temporary, .. otherPlacements]);
    }

    /// <summary>The first and last collection years this specification covers.</summary>
    public int FirstYear { get; }

    public int LastYear { get; }

    /// <summary>SEX (rule 101).</summary>
    public IReadOnlySet<string> Sex { get; }

    /// <summary>PLACE (rule 146).</summary>
    public IReadOnlySet<string> PlacementTypes { get; }

    /// <summary>"Other" placements listed on a schedule to the DfE: Z1 until 2024-25, Z11–Z14 from 2025-26.</summary>
    public IReadOnlySet<string> OtherPlacements { get; }

    /// <summary>Placement types recorded without a provider: temporary (T0–T4) and other placements (rules 178, 213).</summary>
    public IReadOnlySet<string> PlacementsWithoutProvider { get; }

    public static bool Supports(int collectionYear) => Collections.Any(c => collectionYear >= c.FirstYear && collectionYear <= c.LastYear);

    /// <summary>The specification of a collection year; years after the newest known use the newest.</summary>
    public static Ssda903Specification For(int collectionYear) =>
        Collections.FirstOrDefault(c => collectionYear >= c.FirstYear && collectionYear <= c.LastYear)
        ?? (collectionYear > Collections[^1].LastYear ? Collections[^1]
            : throw new ArgumentOutOfRangeException(nameof(collectionYear), $"No 903 specification before {Collections[0].FirstYear}-{(Collections[0].FirstYear + 1) % 100:D2}."));

    /// <summary>The collection year a date falls in (April to March).</summary>
    public static int CollectionYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    public static string Name(int collectionYear) => $"{collectionYear}-{(collectionYear + 1) % 100:D2}";

    private static HashSet<string> Set(IEnumerable<string> codes) => new(codes, StringComparer.Ordinal);
}
