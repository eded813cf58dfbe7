namespace Platform.Workforce.Apis;

/// <summary>The range of business dates the Workforce API accepts.</summary>
internal static class ApiDates
{
    public static readonly DateOnly Earliest = new(2000, 4, 1);
    public static readonly DateOnly Latest = new(2100, 3, 31);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
