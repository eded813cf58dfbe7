namespace Platform.Placements.Domain;

/// <summary>
/// One postcode of the council's postcode reference, loaded from the ONS postcode directory: its grid reference (British
/// National Grid metres), local authority district and upper-tier authority. The 903 derives a placement's distance from
/// home, its local authority and whether it is in or out of the area from these (public data: no child's data here).
/// </summary>
public sealed class ReferencePostcode
{
    private ReferencePostcode() { }

    public ReferencePostcode(string postcode, int easting, int northing, string district, string upperTier)
    {
        Key = KeyOf(postcode);
        Easting = easting;
        Northing = northing;
        District = district;
        UpperTier = upperTier;
    }

    /// <summary>The postcode upper-cased without spaces: how a 903 postcode is matched ("st4  1qj" is ST4 1QJ).</summary>
    public string Key { get; private set; } = "";

    public int Easting { get; private set; }

    public int Northing { get; private set; }

    /// <summary>ONS local authority district (laua), e.g. E07000195.</summary>
    public string District { get; private set; } = "";

    /// <summary>The authority the 903 reports: the county of a two-tier district (ONS cty), else the district itself.</summary>
    public string UpperTier { get; private set; } = "";

    public static string KeyOf(string postcode)
    {
        ArgumentNullException.ThrowIfNull(postcode);
        return postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }
}
