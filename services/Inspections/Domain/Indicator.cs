using Platform.Contracts.Inspections.V1;
using Platform.ServiceDefaults.Domain;

namespace Platform.Inspections.Domain;

/// <summary>What an indicator measures: the unit, which way is better, the events that feed it.</summary>
public sealed record Measure(string Code, string Unit, string DefaultDirection, bool TeamScoped, string Description);

public static class Measures
{
    public const string AverageCaseload = "average-caseload";
    public const string CaseloadOverThreshold = "caseload-over-threshold";
    public const string SupervisionCompliance = "supervision-compliance";
    public const string VacancyRate = "vacancy-rate";
    public const string AgencyRate = "agency-rate";
    public const string ChildrenLookedAfter = "children-looked-after";
    public const string ClaRatePer10000 = "cla-rate-per-10000";
    public const string PlacementStability = "three-plus-placements";
    public const string CarerCapacity = "carer-capacity";
    public const string ForecastOverspend = "forecast-overspend";

    public static readonly IReadOnlyDictionary<string, Measure> All = new[]
    {
        new Measure(AverageCaseload, "cases per FTE", Directions.LowerIsBetter, true, "Cases held per FTE across workers with a caseload (CaseloadChanged)."),
        new Measure(CaseloadOverThreshold, "% of workers", Directions.LowerIsBetter, true, "Share of workers whose caseload is over their role's warning threshold (CaseloadChanged)."),
        new Measure(SupervisionCompliance, "% of workers", Directions.HigherIsBetter, true, "Share of workers whose one-to-one supervision is not overdue (SupervisionRecorded, SupervisionOverdue, StaffMemberStarted/Left)."),
        new Measure(VacancyRate, "% of FTE", Directions.LowerIsBetter, true, "Vacant FTE over establishment FTE (PostCreated, VacancyOpened, VacancyFilled)."),
        new Measure(AgencyRate, "% of FTE", Directions.LowerIsBetter, true, "Agency FTE over all workers' FTE (AgencyWorkerEngaged/Ended, StaffMemberStarted/Left)."),
        new Measure(ChildrenLookedAfter, "children", Directions.LowerIsBetter, false, "Children looked after (CarePopulationChanged)."),
        new Measure(ClaRatePer10000, "per 10,000 under-18s", Directions.LowerIsBetter, false, "Children looked after per 10,000 under-18s (CarePopulationChanged)."),
        new Measure(PlacementStability, "% of children looked after", Directions.LowerIsBetter, false, "Children looked after on the date with 3 or more placements starting in the 12 months to it (PlacementStarted/Ended)."),
        new Measure(CarerCapacity, "free foster places", Directions.HigherIsBetter, false, "Approved foster places not occupied (FosterCarerApproved/Deregistered, PlacementStarted/Ended)."),
        new Measure(ForecastOverspend, "£", Directions.LowerIsBetter, false, "Forecast outturn minus budget for the financial year of the date (ForecastUpdated)."),
    }.ToDictionary(m => m.Code, StringComparer.Ordinal);
}

public static class Directions
{
    public const string HigherIsBetter = "higher-is-better";
    public const string LowerIsBetter = "lower-is-better";

    public static readonly IReadOnlyList<string> All = [HigherIsBetter, LowerIsBetter];
}

public static class RagStatuses
{
    public const string Green = "green";
    public const string Amber = "amber";
    public const string Red = "red";
    public const string NoData = "no-data";
}

/// <summary>
/// An indicator of the catalogue: a measure (optionally for one team) with target, tolerance and direction.
/// Green on the right side of the target, amber within the tolerance beyond it, red further beyond.
/// </summary>
public sealed class Indicator
{
    private Indicator() { }

    public Indicator(string code, string name, string measure, string? areaCode, string? teamCode, decimal target, decimal tolerance, string? direction)
    {
        if (!Measures.All.TryGetValue(measure, out var known)) throw DomainRuleException.ForField("measure", $"Unknown measure '{measure}'.");
        if (teamCode is not null && !known.TeamScoped) throw DomainRuleException.ForField("teamCode", $"{measure} is not measured per team.");
        if (tolerance < 0) throw DomainRuleException.ForField("tolerance", "Cannot be negative.");
        if (direction is not null && !Directions.All.Contains(direction)) throw DomainRuleException.ForField("direction", $"Unknown direction '{direction}'.");
        Code = code;
        Name = name;
        Measure = measure;
        AreaCode = areaCode;
        TeamCode = teamCode;
        Target = target;
        Tolerance = tolerance;
        Direction = direction ?? known.DefaultDirection;
        Unit = known.Unit;
        Status = RagStatuses.NoData;
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Measure { get; private set; } = "";

    /// <summary>The area for improvement the indicator evidences, if any.</summary>
    public string? AreaCode { get; private set; }

    /// <summary>One team only (workforce measures), or the whole service when empty.</summary>
    public string? TeamCode { get; private set; }

    public decimal Target { get; private set; }

    public decimal Tolerance { get; private set; }

    public string Direction { get; private set; } = "";

    public string Unit { get; private set; } = "";

    /// <summary>Latest evaluated status (after the latest event), the one whose change raises IndicatorStatusChanged.</summary>
    public string Status { get; private set; } = "";

    public decimal? Value { get; private set; }

    /// <summary>The business date of the latest evaluation.</summary>
    public DateOnly? StatusAsAt { get; private set; }

    /// <summary>Optimistic concurrency (PostgreSQL xmin): two consumers cannot both announce the same change.</summary>
    public uint Version { get; private set; }

    public string RagFor(decimal? value)
    {
        if (value is not { } v) return RagStatuses.NoData;
        var shortfall = Direction == Directions.LowerIsBetter ? v - Target : Target - v;
        return shortfall <= 0 ? RagStatuses.Green : shortfall <= Tolerance ? RagStatuses.Amber : RagStatuses.Red;
    }

    /// <summary>Sets the baseline when the indicator is created, without announcing it.</summary>
    public void Baseline(decimal? value)
    {
        Value = value;
        Status = RagFor(value);
    }

    /// <summary>Re-evaluates after an input changed; returns the event to publish if the RAG status changed.</summary>
    public IndicatorStatusChanged? Evaluate(decimal? value, DateOnly asAt)
    {
        var previous = Status;
        Value = value;
        Status = RagFor(value);
        StatusAsAt = asAt;
        return previous == Status ? null : new IndicatorStatusChanged(Code, value ?? 0, previous, Status, asAt);
    }
}

/// <summary>A recorded RAG change of an indicator (the history behind IndicatorStatusChanged).</summary>
public sealed class IndicatorStatusChange
{
    private IndicatorStatusChange() { }

    public IndicatorStatusChange(string indicatorCode, DateOnly asAt, decimal? value, string previousStatus, string status, DateTimeOffset recordedAt)
    {
        IndicatorCode = indicatorCode;
        AsAt = asAt;
        Value = value;
        PreviousStatus = previousStatus;
        Status = status;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }

    public string IndicatorCode { get; private set; } = "";

    public DateOnly AsAt { get; private set; }

    public decimal? Value { get; private set; }

    public string PreviousStatus { get; private set; } = "";

    public string Status { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }
}
