namespace Platform.Finance.Domain;

/// <summary>A council financial year, 1 April to 31 March, named by its start year (2019 = 2019-20).</summary>
public readonly record struct FinancialYear(int StartYear)
{
    /// <summary>Earliest and latest start years the service accepts.</summary>
    public const int MinStartYear = 2000;
    public const int MaxStartYear = 2100;

    public DateOnly Start => new(StartYear, 4, 1);

    public DateOnly End => new(StartYear + 1, 3, 31);

    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>"2019-20".</summary>
    public string Name => $"{StartYear}-{(StartYear + 1) % 100:00}";

    public static FinancialYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public static bool IsValidStartYear(int? year) => year is >= MinStartYear and <= MaxStartYear;

    /// <summary>Period 1 is April, period 12 is March.</summary>
    public (DateOnly From, DateOnly To) Period(int period)
    {
        if (period is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(period), "A period is 1 (April) to 12 (March).");
        var from = Start.AddMonths(period - 1);
        return (from, from.AddMonths(1).AddDays(-1));
    }

    /// <summary>Days of <paramref name="from"/>–<paramref name="to"/> (inclusive) that fall in this year.</summary>
    public int DaysWithin(DateOnly from, DateOnly to)
    {
        var first = from > Start ? from : Start;
        var last = to < End ? to : End;
        return last < first ? 0 : last.DayNumber - first.DayNumber + 1;
    }

    /// <summary>Monday-to-Friday days of <paramref name="from"/>–<paramref name="to"/> (inclusive) in this year; bank holidays are not excluded.</summary>
    public int WorkingDaysWithin(DateOnly from, DateOnly to)
    {
        var first = from > Start ? from : Start;
        var last = to < End ? to : End;
        var count = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) count++;
        }
        return count;
    }

    public override string ToString() => Name;
}
