namespace Platform.Web.Gateway;

// The parts of the Finance, Placements and Workforce answers the service pages show.

public sealed record ForecastLine(string BudgetLineCode, string BudgetLineName, decimal Budget, decimal Actuals, decimal Commitments,
    decimal Adjustments, decimal UnmetSavings, decimal Forecast, decimal Variance, bool Overspent);

public sealed record ForecastReport(int FinancialYear, string FinancialYearName, IReadOnlyList<ForecastLine> Lines,
    decimal TotalBudget, decimal TotalForecast, decimal TotalVariance, decimal OverspendThreshold, bool AboveThreshold);

public sealed record CarePopulation(DateOnly AsAt, int ChildrenLookedAfter, int? Under18Population, decimal? RatePer10000, decimal? EnglandRatePer10000,
    decimal? StatisticalNeighbourRatePer10000);

public sealed record PageOf<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount);

public sealed record Team(string Code, string Name, string Directorate);

public sealed record TeamWorkerCaseload(Guid WorkerId, string JobRole, string EmploymentType, decimal Fte, int Caseload, string Level);

public sealed record TeamCaseload(string TeamCode, DateOnly AsAt, int Workers, decimal CaseHoldingFte, int Cases, decimal? AverageCaseloadPerFte,
    int WorkersOverWarning, int WorkersOverCritical, IReadOnlyList<TeamWorkerCaseload> Staff);

public sealed record TeamCompliance(string TeamCode, int Workers, int Overdue, decimal? ComplianceRate);

public sealed record SupervisionCompliance(DateOnly AsAt, int IntervalDays, IReadOnlyList<TeamCompliance> Teams, TeamCompliance Department);

public sealed record VirementLine(string CostCentreCode, string BudgetLineCode, decimal Amount);

public sealed record Virement(Guid Id, int FinancialYear, string Reason, string Status, IReadOnlyList<VirementLine> Lines, decimal TotalMoved,
    DateTimeOffset RaisedAt, DateOnly? DecidedOn);

public sealed record CostCentre(string Code, string Name, string Service);

public sealed record RestructureProgramme(Guid Id, string Name, string Establishment);

public sealed record RecruitmentMonth(DateOnly MonthEnd, int Planned, int Created, int Filled, int CoveredByAgency, int Vacant);

/// <summary>The posts a restructure creates, month by month (Workforce's <c>/restructures/{id}/recruitment</c>).</summary>
public sealed record Recruitment(Guid ProgrammeId, string Name, int PlannedPosts, IReadOnlyList<RecruitmentMonth> Months);

public sealed record SavingsTarget(Guid Id, int FinancialYear, string Name, string OwningService, string BudgetLineCode, decimal Target, decimal Delivered,
    decimal Shortfall, string Status, decimal UnmetInForecast);

public sealed record SavingsSummary(int FinancialYear, int Targets, decimal TotalTarget, decimal TotalDelivered, decimal TotalUnmetInForecast);

/// <summary>Children who started and ceased to be looked after in a period (Placements' <c>/indicators/flow</c>).</summary>
public sealed record CareFlow(DateOnly From, DateOnly To, int Started, int Ceased);

/// <summary>One 31 March of Placements' <c>/indicators/comparison</c>: the council's rate against England's and the neighbours', with growth from the year before.</summary>
public sealed record ComparisonYear(int CollectionYear, DateOnly AsAt, int ChildrenLookedAfter, int? Under18Population, decimal? RatePer10000,
    decimal? EnglandRatePer10000, decimal? StatisticalNeighbourRatePer10000, decimal? GrowthPercent, decimal? EnglandGrowthPercent);

public sealed record CareComparison(DateOnly AsAt, IReadOnlyList<ComparisonYear> Years);
