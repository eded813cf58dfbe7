using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

public enum AbsenceReason
{
    Sickness,
    Other,
}

/// <summary>A period of absence; the census counts working days lost to sickness.</summary>
public sealed class Absence
{
    private Absence() { }

    internal Absence(Guid workerId, DateOnly firstDay, DateOnly lastDay, AbsenceReason reason)
    {
        if (lastDay < firstDay) throw DomainRuleException.ForField("lastDay", "Cannot be before the first day.");
        Id = Guid.CreateVersion7();
        WorkerId = workerId;
        FirstDay = firstDay;
        LastDay = lastDay;
        Reason = reason;
        WorkingDaysLost = WorkingDays.Between(firstDay, lastDay);
    }

    public Guid Id { get; private set; }

    public Guid WorkerId { get; private set; }

    public DateOnly FirstDay { get; private set; }

    public DateOnly LastDay { get; private set; }

    public AbsenceReason Reason { get; private set; }

    /// <summary>Monday–Friday days in the period, inclusive.</summary>
    public int WorkingDaysLost { get; private set; }
}

public static class WorkingDays
{
    /// <summary>Monday–Friday days from <paramref name="first"/> to <paramref name="last"/> inclusive (bank holidays are not modelled).</summary>
    public static int Between(DateOnly first, DateOnly last)
    {
        var count = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) count++;
        }
        return count;
    }
}
