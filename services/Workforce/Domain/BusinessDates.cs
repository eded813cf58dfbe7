namespace Platform.Workforce.Domain;

/// <summary>The range of business dates Workforce accepts (requests, ingest commands and the domain alike).</summary>
public static class BusinessDates
{
    public static readonly DateOnly Earliest = new(2000, 4, 1);
    public static readonly DateOnly Latest = new(2100, 3, 31);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
