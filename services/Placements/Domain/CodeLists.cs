namespace Platform.Placements.Domain;

/// <summary>SSDA903 code lists (sections 2 and 3.1–3.5 of the 903 notes), as currently valid.</summary>
public static class CodeLists
{
    /// <summary>RNE — reason for new episode. <c>S</c> starts a period of care.</summary>
    public static readonly IReadOnlySet<string> ReasonForNewEpisode = Set("S", "L", "P", "T", "B", "U");

    /// <summary>LS — legal status (validator rule 144). V1 and W1 are historical and not accepted.</summary>
    public static readonly IReadOnlySet<string> LegalStatus = Set("C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3");

    /// <summary>CIN — category of need.</summary>
    public static readonly IReadOnlySet<string> CategoryOfNeed = Set("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8");

    /// <summary>PLACE — every placement type of a supported collection (2016-17 to now); a year's own list is in its <see cref="Ssda903.Ssda903Specification"/>.</summary>
    public static readonly IReadOnlySet<string> PlacementType = Set(
        "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
        "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1", "Z11", "Z12", "Z13", "Z14");

    /// <summary>PLACE_PROVIDER (validator rule 178).</summary>
    public static readonly IReadOnlySet<string> PlacementProvider = Set("PR0", "PR1", "PR2", "PR3", "PR4", "PR5");

    /// <summary>SEX: M, F, U (the 903 codes from 2024-25).</summary>
    public static readonly IReadOnlySet<string> Sex = Set("M", "F", "U");

    /// <summary>ETHNIC (903 Header table).</summary>
    public static readonly IReadOnlySet<string> Ethnicity = Set(
        "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT");

    /// <summary>Placement types that must have no provider: temporary moves (T0–T4) and "other" (Z1) — rules 178, 213.</summary>
    public static readonly IReadOnlySet<string> PlacementTypesWithoutProvider = Set("T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14");

    /// <summary>The provider code only allowed with placement type P1 (rule 550).</summary>
    public const string ParentalProvider = "PR0";

    /// <summary>The placement type PR0 requires.</summary>
    public const string PlacedWithParents = "P1";

    /// <summary>RNE code for the first episode of a period of care.</summary>
    public const string StartedToBeLookedAfter = "S";

    /// <summary>The provider rule: the reason a provider is wrong for a placement type, or null when it is acceptable.</summary>
    public static string? ProviderProblem(string placementType, string? placementProvider)
    {
        if (PlacementTypesWithoutProvider.Contains(placementType))
        {
            return placementProvider is null ? null : $"Must be blank for placement type {placementType} (temporary or other placements).";
        }
        if (placementProvider is null) return $"Is required for placement type {placementType}.";
        if (placementProvider == ParentalProvider && placementType != PlacedWithParents)
        {
            return $"{ParentalProvider} can only be used with placement type {PlacedWithParents}.";
        }
        return null;
    }

    /// <summary>REC — reason episode ceased (validator rule 149). <c>X1</c>: a new episode begins the same day.</summary>
    public static readonly IReadOnlySet<string> ReasonEpisodeCeased = Set(
        "X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48", "E5", "E6", "E7", "E8", "E9",
        "E14", "E15", "E16", "E17");

    /// <summary>REASON_PLACE_CHANGE (validator rule 1009).</summary>
    public static readonly IReadOnlySet<string> ReasonForPlacementChange = Set(
        "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER");

    /// <summary>RNE codes that continue a period of care (the previous episode ended with X1 the same day).</summary>
    public static readonly IReadOnlySet<string> ContinuationReasons = Set("L", "P", "T", "B", "U");

    /// <summary>RNE codes that mean the placement changed (rule 225 asks for a reason for the change).</summary>
    public static readonly IReadOnlySet<string> PlacementChangeReasons = Set("P", "T", "B", "U");

    /// <summary>Temporary placements T0–T4.</summary>
    public static readonly IReadOnlySet<string> TemporaryPlacements = Set("T0", "T1", "T2", "T3", "T4");

    /// <summary>Foster placements U1–U6, the only types a foster carer household can be recorded for.</summary>
    public static readonly IReadOnlySet<string> FosterPlacements = Set("U1", "U2", "U3", "U4", "U5", "U6");

    /// <summary>Placed for adoption A3–A6.</summary>
    public static readonly IReadOnlySet<string> AdoptionPlacements = Set("A3", "A4", "A5", "A6");

    /// <summary>Short breaks (respite) legal statuses, excluded from "looked after at a date" counts.</summary>
    public static readonly IReadOnlySet<string> ShortBreakLegalStatuses = Set("V3", "V4");

    /// <summary>REC: a new episode begins on the same day (the period of care continues).</summary>
    public const string NewEpisodeSameDay = "X1";

    private static HashSet<string> Set(params string[] codes) => new(codes, StringComparer.Ordinal);
}
