using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

public enum CommitmentKind
{
    /// <summary>A funded or filled post: annual cost pro rata by calendar days.</summary>
    Post,
    /// <summary>An agency worker: day rate × working days (Monday to Friday).</summary>
    AgencyWorker,
    /// <summary>A placement: weekly cost × days / 7.</summary>
    Placement,
    /// <summary>A confirmed redundancy: a one-off cost in the financial year of the dismissal.</summary>
    Redundancy,
}

/// <summary>A rate in force from <see cref="From"/> until the next segment starts or the source stops.</summary>
public sealed class RateSegment
{
    public DateOnly From { get; set; }

    /// <summary>Annual cost (post), day rate (agency worker) or weekly cost (placement), in pounds.</summary>
    public decimal Rate { get; set; }

    public string BudgetLineCode { get; set; } = "";
}

/// <summary>
/// Everything Finance has heard about one thing that costs money: its rate over time, and when it stops.
/// Events may arrive in any order (each event type has its own queue), so a rate is set <em>from a date</em>
/// (replacing only a rate set from that same date) and a stop date is kept apart from the rates; the
/// commitments are recomputed from the whole picture each time.
/// </summary>
public sealed class CommitmentSource
{
    private CommitmentSource() { }

    public CommitmentSource(string source, CommitmentKind kind)
    {
        Source = source;
        Kind = kind;
    }

    public static string ForPost(Guid postId) => $"post:{postId}";

    public static string ForAgencyWorker(Guid workerId) => $"agency:{workerId}";

    public static string ForPlacement(Guid episodeId) => $"placement:{episodeId}";

    public static string ForRedundancy(Guid applicationId) => $"redundancy:{applicationId}";

    public string Source { get; private set; } = "";

    public CommitmentKind Kind { get; private set; }

    /// <summary>Job role of a post or agency worker (for unit costs).</summary>
    public string? JobRole { get; private set; }

    /// <summary>FTE of a post or agency worker (for unit costs).</summary>
    public decimal? Fte { get; private set; }

    /// <summary>SSDA903 placement type of a placement (for unit costs).</summary>
    public string? PlacementType { get; private set; }

    /// <summary>Planned last day (an agency worker's expected end), used until a stop is known.</summary>
    public DateOnly? PlannedEnd { get; private set; }

    /// <summary>Last day the source costs anything (inclusive), once it has stopped.</summary>
    public DateOnly? StoppedAfter { get; private set; }

    public List<RateSegment> Segments { get; private set; } = [];

    /// <summary>Concurrency token (PostgreSQL xmin): two events about one source never overwrite each other.</summary>
    public uint Version { get; private set; }

    /// <summary>Sets the rate from <paramref name="from"/> onwards (until a later rate or the stop).</summary>
    public void SetRate(DateOnly from, decimal rate, string budgetLineCode)
    {
        if (rate < 0) throw DomainRuleException.ForField("rate", "A rate cannot be negative.");
        if (string.IsNullOrWhiteSpace(budgetLineCode)) throw DomainRuleException.ForField("budgetLineCode", "A budget line is required.");
        Segments.RemoveAll(s => s.From == from);
        Segments.Add(new RateSegment { From = from, Rate = rate, BudgetLineCode = budgetLineCode });
        Segments.Sort((a, b) => a.From.CompareTo(b.From));
    }

    public void Describe(string? jobRole = null, decimal? fte = null, string? placementType = null)
    {
        JobRole = jobRole ?? JobRole;
        Fte = fte ?? Fte;
        PlacementType = placementType ?? PlacementType;
    }

    public void PlanEnd(DateOnly? plannedEnd) => PlannedEnd = plannedEnd;

    /// <summary>The source costs nothing after <paramref name="lastDay"/>.</summary>
    public void Stop(DateOnly lastDay) => StoppedAfter = lastDay;

    /// <summary>The rate in force on <paramref name="day"/>, if the source exists and runs then.</summary>
    public RateSegment? RateOn(DateOnly day) =>
        day > LastDay ? null : Segments.LastOrDefault(s => s.From <= day);

    private DateOnly LastDay => StoppedAfter ?? PlannedEnd ?? DateOnly.MaxValue;

    /// <summary>
    /// The commitment per financial year and line: every year from the first rate to the year of the last date
    /// heard (the latest rate change, planned end or stop), each to 31 March or the earlier end.
    /// </summary>
    public IReadOnlyList<Commitment> Commitments()
    {
        if (Segments.Count == 0) return [];
        if (Kind == CommitmentKind.Redundancy)
        {
            // One payment on one date: the latest amount heard is the cost.
            var payment = Segments[^1];
            return [new Commitment(Source, Kind, payment.BudgetLineCode, FinancialYear.Containing(payment.From), payment.From, payment.From, payment.Rate)];
        }
        var last = StoppedAfter ?? Max(Segments[^1].From, PlannedEnd);
        var firstYear = FinancialYear.Containing(Segments[0].From).StartYear;
        var lastYear = FinancialYear.Containing(last).StartYear;
        var result = new List<Commitment>();
        for (var startYear = firstYear; startYear <= lastYear; startYear++)
        {
            var year = new FinancialYear(startYear);
            var perLine = new Dictionary<string, (DateOnly From, DateOnly To, decimal Amount)>(StringComparer.Ordinal);
            for (var i = 0; i < Segments.Count; i++)
            {
                var segment = Segments[i];
                var segmentTo = i + 1 < Segments.Count ? Segments[i + 1].From.AddDays(-1) : DateOnly.MaxValue;
                var to = segmentTo < LastDay ? segmentTo : LastDay;
                var days = year.DaysWithin(segment.From, to);
                if (days == 0) continue;
                var amount = Kind switch
                {
                    CommitmentKind.Post => segment.Rate * days / year.Days,
                    CommitmentKind.Placement => segment.Rate * days / 7,
                    _ => segment.Rate * year.WorkingDaysWithin(segment.From, to),
                };
                var from = segment.From > year.Start ? segment.From : year.Start;
                var until = to < year.End ? to : year.End;
                perLine[segment.BudgetLineCode] = perLine.TryGetValue(segment.BudgetLineCode, out var sofar)
                    ? (sofar.From < from ? sofar.From : from, sofar.To > until ? sofar.To : until, sofar.Amount + amount)
                    : (from, until, amount);
            }
            result.AddRange(perLine.Select(line => new Commitment(Source, Kind, line.Key, year, line.Value.From, line.Value.To, line.Value.Amount)));
        }
        return result;
    }

    private static DateOnly Max(DateOnly date, DateOnly? other) => other is { } value && value > date ? value : date;
}
