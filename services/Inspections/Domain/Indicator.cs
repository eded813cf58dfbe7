using Platform.ServiceDefaults.Domain;

namespace Platform.Inspections.Domain;

/// <summary>
/// What an indicator measures: a measure another service owns and publishes (docs/measures.md). Inspections stores the
/// owner's values and rates them; it never derives them.
/// </summary>
/// <param name="Code">The measure's code, as in the owner's publications.</param>
/// <param name="Name">What a reader calls it.</param>
/// <param name="Unit">The unit its values are in.</param>
/// <param name="DefaultDirection">Whether higher or lower is better, unless an indicator says otherwise.</param>
/// <param name="TeamScoped">Whether the owner publishes it per team too.</param>
/// <param name="Owner">The service whose data it is and whose API answers it.</param>
/// <param name="Definition">The published definition (DfE census, SSDA903, S251) in one sentence.</param>
public sealed record Measure(string Code, string Name, string Unit, string DefaultDirection, bool TeamScoped, string Owner, string Definition);

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
    public const string FosterOwnProvision = "foster-own-provision";
    public const string ForecastOverspend = "forecast-overspend";

    public const string Workforce = "workforce";
    public const string Placements = "placements";
    public const string Finance = "finance";

    public static readonly IReadOnlyDictionary<string, Measure> All = new[]
    {
        new Measure(VacancyRate, "Social work vacancy rate", "% of FTE", Directions.LowerIsBetter, true, Workforce,
            "Vacant social work FTE over vacant plus in-post FTE (DfE children's social work workforce census, vacancy_rate_fte); Workforce GET /kpis."),
        new Measure(AgencyRate, "Social work agency rate", "% of FTE", Directions.LowerIsBetter, true, Workforce,
            "Agency social work FTE over agency plus employed FTE (census agency_rate_fte); Workforce GET /kpis."),
        new Measure(AverageCaseload, "Average caseload", "cases per FTE", Directions.LowerIsBetter, true, Workforce,
            "Cases held over the FTE of the social workers holding cases (census caseload_fte); Workforce GET /kpis."),
        new Measure(CaseloadOverThreshold, "Case holders over their caseload threshold", "% of case holders", Directions.LowerIsBetter, true, Workforce,
            "Social workers holding cases whose caseload is over their role's warning threshold, over all case holders; Workforce GET /kpis."),
        new Measure(SupervisionCompliance, "Supervision compliance", "% of workers", Directions.HigherIsBetter, true, Workforce,
            "Workers whose one-to-one supervision is not overdue, over all workers in post; Workforce GET /kpis and /supervision/compliance."),
        new Measure(ChildrenLookedAfter, "Children looked after", "children", Directions.LowerIsBetter, false, Placements,
            "Children looked after on the date, short breaks (LS V3/V4) excluded (SSDA903); Placements GET /indicators/care-population."),
        new Measure(ClaRatePer10000, "Children looked after per 10,000", "per 10,000 under-18s", Directions.LowerIsBetter, false, Placements,
            "Children looked after per 10,000 of the under-18 population of the collection year (SSDA903, ONS mid-year estimate); Placements GET /indicators/care-population."),
        new Measure(PlacementStability, "Children with 3 or more placements", "% of children looked after", Directions.LowerIsBetter, false, Placements,
            "Children looked after on the date with three or more placements in the twelve months to it (SSDA903 stability measure); Placements GET /indicators/stability?asAt=."),
        new Measure(FosterOwnProvision, "Foster placements with the council's own carers", "% of children in foster care", Directions.HigherIsBetter, false, Placements,
            "Children in foster placements (PLACE U1-U6) whose provider is the council's own (PLACE_PROVIDER PR1), over all children in foster placements (SSDA903); Placements GET /indicators/foster-sufficiency."),
        new Measure(ForecastOverspend, "Forecast overspend", "£", Directions.LowerIsBetter, false, Finance,
            "Forecast outturn minus budget of the financial year the date falls in (S251 lines); none without a budget or a forecast; Finance GET /forecast."),
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
public sealed class Indicator : Entity
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

    /// <summary>The service that owns and publishes the measure.</summary>
    public string Owner => Measures.All.TryGetValue(Measure, out var known) ? known.Owner : "";

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

    /// <summary>
    /// Re-evaluates after an input changed. A change of value or status is published for live displays, and a change
    /// of RAG status as such; true when the status changed.
    /// </summary>
    public bool Evaluate(decimal? value, DateOnly asAt)
    {
        var (previousValue, previousStatus) = (Value, Status);
        Value = value;
        Status = RagFor(value);
        StatusAsAt = asAt;
        var statusChanged = previousStatus != Status;
        if (statusChanged) Raise(new IndicatorStatusChangedDomainEvent(Code, value, previousStatus, Status, asAt));
        if (statusChanged || value != previousValue) Raise(new IndicatorValueChangedDomainEvent(Code, value, Status, asAt));
        return statusChanged;
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
