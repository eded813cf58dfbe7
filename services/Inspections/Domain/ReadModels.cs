namespace Platform.Inspections.Domain;

// Inspections' own read models of other services' facts, built only from their events (never from their
// databases). Each keeps its business dates, so an indicator can be answered as at any past date.

/// <summary>A worker as Workforce announced them (StaffMemberStarted/Left, AgencyWorkerEngaged/Ended).</summary>
public sealed class WorkerRecord
{
    private WorkerRecord() { }

    public WorkerRecord(Guid workerId, string teamCode, string jobRole, decimal fte, bool isAgency, DateOnly startDate)
    {
        WorkerId = workerId;
        TeamCode = teamCode;
        JobRole = jobRole;
        Fte = fte;
        IsAgency = isAgency;
        StartDate = startDate;
    }

    public Guid WorkerId { get; private set; }

    public string TeamCode { get; private set; } = "";

    public string JobRole { get; private set; } = "";

    public decimal Fte { get; private set; }

    public bool IsAgency { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>Last day worked (StaffMemberLeft.LeftOn, AgencyWorkerEnded.EndDate).</summary>
    public DateOnly? EndDate { get; private set; }

    public bool IsActiveOn(DateOnly date) => StartDate <= date && (EndDate is null || EndDate >= date);

    public void End(DateOnly endDate) => EndDate = endDate;
}

/// <summary>A worker's caseload after one change (CaseloadChanged).</summary>
public sealed class CaseloadSnapshot
{
    private CaseloadSnapshot() { }

    public CaseloadSnapshot(Guid workerId, string teamCode, decimal fte, int caseload, int warningThreshold, DateOnly changedOn, DateTimeOffset occurredAt)
    {
        WorkerId = workerId;
        TeamCode = teamCode;
        Fte = fte;
        Caseload = caseload;
        WarningThreshold = warningThreshold;
        ChangedOn = changedOn;
        OccurredAt = occurredAt;
    }

    public long Id { get; private set; }

    public Guid WorkerId { get; private set; }

    public string TeamCode { get; private set; } = "";

    public decimal Fte { get; private set; }

    public int Caseload { get; private set; }

    public int WarningThreshold { get; private set; }

    public DateOnly ChangedOn { get; private set; }

    /// <summary>Orders changes of the same day.</summary>
    public DateTimeOffset OccurredAt { get; private set; }
}

/// <summary>A supervision held (HeldOn set) or found overdue (HeldOn empty), with the next due date.</summary>
public sealed class SupervisionEntry
{
    private SupervisionEntry() { }

    public SupervisionEntry(Guid workerId, string teamCode, DateOnly? heldOn, DateOnly nextDueOn)
    {
        WorkerId = workerId;
        TeamCode = teamCode;
        HeldOn = heldOn;
        NextDueOn = nextDueOn;
    }

    public long Id { get; private set; }

    public Guid WorkerId { get; private set; }

    public string TeamCode { get; private set; } = "";

    public DateOnly? HeldOn { get; private set; }

    public DateOnly NextDueOn { get; private set; }

    /// <summary>The date from which this entry is known: the session, or the missed due date.</summary>
    public DateOnly KnownFrom => HeldOn ?? NextDueOn;
}

/// <summary>The care population after one change (CarePopulationChanged).</summary>
public sealed class CarePopulationSnapshot
{
    private CarePopulationSnapshot() { }

    public CarePopulationSnapshot(DateOnly asAt, int childrenLookedAfter, decimal? ratePer10000, decimal? englandRatePer10000, DateTimeOffset occurredAt)
    {
        AsAt = asAt;
        ChildrenLookedAfter = childrenLookedAfter;
        RatePer10000 = ratePer10000;
        EnglandRatePer10000 = englandRatePer10000;
        OccurredAt = occurredAt;
    }

    public long Id { get; private set; }

    public DateOnly AsAt { get; private set; }

    public int ChildrenLookedAfter { get; private set; }

    public decimal? RatePer10000 { get; private set; }

    public decimal? EnglandRatePer10000 { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }
}

/// <summary>A placement episode (PlacementStarted/Ended); the child is known by the pseudonymous 903 id only.</summary>
public sealed class PlacementRecord
{
    private PlacementRecord() { }

    public PlacementRecord(Guid episodeId, string childId, DateOnly startDate, Guid? fosterCarerId)
    {
        EpisodeId = episodeId;
        ChildId = childId;
        StartDate = startDate;
        FosterCarerId = fosterCarerId;
    }

    public Guid EpisodeId { get; private set; }

    public string ChildId { get; private set; } = "";

    public DateOnly StartDate { get; private set; }

    public DateOnly? EndDate { get; private set; }

    public Guid? FosterCarerId { get; private set; }

    public bool IsOpenOn(DateOnly date) => StartDate <= date && (EndDate is null || EndDate > date);

    public void End(DateOnly endDate) => EndDate = endDate;
}

/// <summary>A foster carer household's approved places (FosterCarerApproved/Deregistered).</summary>
public sealed class FosterCarerRecord
{
    private FosterCarerRecord() { }

    public FosterCarerRecord(Guid fosterCarerId, bool isInHouse, int approvedPlaces, DateOnly approvedOn)
    {
        FosterCarerId = fosterCarerId;
        IsInHouse = isInHouse;
        ApprovedPlaces = approvedPlaces;
        ApprovedOn = approvedOn;
    }

    public Guid FosterCarerId { get; private set; }

    public bool IsInHouse { get; private set; }

    public int ApprovedPlaces { get; private set; }

    public DateOnly ApprovedOn { get; private set; }

    public DateOnly? DeregisteredOn { get; private set; }

    public bool IsApprovedOn(DateOnly date) => ApprovedOn <= date && (DeregisteredOn is null || DeregisteredOn > date);

    public void Deregister(DateOnly on) => DeregisteredOn = on;
}

/// <summary>Finance's year totals after one forecast change (ForecastUpdated).</summary>
public sealed class ForecastSnapshot
{
    private ForecastSnapshot() { }

    public ForecastSnapshot(int financialYear, DateOnly asAt, decimal totalBudget, decimal totalForecast, DateTimeOffset occurredAt)
    {
        FinancialYear = financialYear;
        AsAt = asAt;
        TotalBudget = totalBudget;
        TotalForecast = totalForecast;
        OccurredAt = occurredAt;
    }

    public long Id { get; private set; }

    public int FinancialYear { get; private set; }

    public DateOnly AsAt { get; private set; }

    public decimal TotalBudget { get; private set; }

    public decimal TotalForecast { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public decimal Overspend => TotalForecast - TotalBudget;

    /// <summary>Financial years run April to March and are named by their start year.</summary>
    public static int FinancialYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;
}
