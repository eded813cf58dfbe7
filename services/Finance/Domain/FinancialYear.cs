namespace Platform.Finance.Domain;

/// <summary>A council financial year, 1 April to 31 March, named by its start year (2019 = 2019-20).</summary>
public readonly record struct FinancialYear(int StartYear)
{
    public DateOnly Start => new(StartYear, 4, 1);

    public DateOnly End => new(StartYear + 1, 3, 31);

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public static FinancialYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public override string ToString() => $"{StartYear}-{(StartYear + 1) % 100:00}";
}
