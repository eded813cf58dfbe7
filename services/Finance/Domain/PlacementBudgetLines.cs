using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

/// <summary>Which S251 line a placement is charged to, by its SSDA903 placement type.</summary>
public static class PlacementBudgetLines
{
    public static string For(string placementType) => placementType switch
    {
        // Kinship (U1–U3) is coded to fostering here; some councils use "placed with family and friends".
        "U1" or "U2" or "U3" or "U4" or "U5" or "U6" => S251Lines.FosteringServices,
        "K1" or "K2" or "R1" or "S1" => S251Lines.ResidentialCare,
        "A3" or "A4" or "A5" or "A6" => S251Lines.AdoptionServices,
        _ => S251Lines.OtherLookedAfterServices,
    };
}
