namespace Platform.Contracts.Workforce.V1;

/// <summary>A post was added to the establishment. Finance commits its cost; Inspections counts it.</summary>
/// <param name="PostId">Workforce's id of the post.</param>
/// <param name="TeamCode">Code of the team that owns the post.</param>
/// <param name="JobRole">Job role, e.g. <c>social-worker</c>.</param>
/// <param name="Grade">Pay grade as used by the council's HR system.</param>
/// <param name="Fte">Full-time equivalent, 0 &lt; FTE ≤ 1.</param>
/// <param name="AnnualCost">Full-year cost in pounds (salary and on-costs) at the post's FTE.</param>
/// <param name="BudgetLineCode">Section 251 budget line the post is charged to, e.g. <c>3.4.1</c>.</param>
/// <param name="EffectiveFrom">Date the post exists from.</param>
public sealed record PostCreated(
    Guid PostId,
    string TeamCode,
    string JobRole,
    string Grade,
    decimal Fte,
    decimal AnnualCost,
    string BudgetLineCode,
    DateOnly EffectiveFrom) : IntegrationEvent;

/// <summary>A vacancy was opened on a post (no permanent employee).</summary>
public sealed record VacancyOpened(Guid VacancyId, Guid PostId, string TeamCode, string JobRole, DateOnly OpenedOn) : IntegrationEvent;

/// <summary>A vacancy was filled by a permanent or agency worker.</summary>
/// <param name="VacancyId">The vacancy.</param>
/// <param name="PostId">The post the vacancy was on.</param>
/// <param name="TeamCode">Owning team.</param>
/// <param name="JobRole">Job role of the post.</param>
/// <param name="FilledOn">Date the worker started.</param>
/// <param name="DaysToFill">Calendar days from opening to filling.</param>
public sealed record VacancyFilled(Guid VacancyId, Guid PostId, string TeamCode, string JobRole, DateOnly FilledOn, int DaysToFill) : IntegrationEvent;
