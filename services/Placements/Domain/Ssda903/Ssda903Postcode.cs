using System.Text.RegularExpressions;

namespace Platform.Placements.Domain.Ssda903;

/// <summary>
/// How an imported episode holds a 903 postcode (HOME_POST, PL_POST, upper-cased as read): a full postcode in its
/// standard form (outward code, one space, inward code) and its district (the outward code); a district given on its
/// own, as the 903 once carried, is held as the district alone. Anything else is not held.
/// </summary>
public static partial class Ssda903Postcode
{
    /// <summary>The full postcode with one space before the inward code, or null when the value is not a full postcode.</summary>
    public static string? Full(string? value)
    {
        if (value is null || !FullPattern().IsMatch(value)) return null;
        var compact = value.Replace(" ", "", StringComparison.Ordinal);
        return string.Concat(compact.AsSpan(0, compact.Length - 3), " ", compact.AsSpan(compact.Length - 3));
    }

    /// <summary>The district (outward code) of a full postcode or of a district given alone; null otherwise.</summary>
    public static string? District(string? value)
    {
        if (value is null) return null;
        if (Full(value) is { } full) return full[..full.IndexOf(' ', StringComparison.Ordinal)];
        return DistrictPattern().IsMatch(value) ? value : null;
    }

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FullPattern();

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][A-Z0-9]?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DistrictPattern();
}
