using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Apis;

/// <summary>Workforce KPIs on any date and the census-shaped export.</summary>
public static class KpisApi
{
    public static IEndpointRouteBuilder MapKpisApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/kpis", GetKpis).WithTags("KPIs")
            .WithSummary("Vacancy, agency, turnover, absence, caseload and supervision measures per team and for the department on a date (default today)")
            .WithDescription("Qualified social workers, as the DfE children's social work workforce census counts them; flows cover the year to the date; rates are fractions.");
        app.MapGet("/census", GetCensus).WithTags("KPIs")
            .WithSummary("Census export (CSV) on a date, default 30 September of the current year, one row per team and a department total")
            .WithDescription("Columns use the DfE data-file variable names (inpost_fte, agency_rate_fte, vacancy_rate_fte, caseload_fte, …); rates are percentages to one decimal place.");
        return app;
    }

    public sealed record KpiResponse(DateOnly AsAt, WorkforceMeasures Department, IReadOnlyList<WorkforceMeasures> Teams);

    internal static async Task<Ok<KpiResponse>> GetKpis(DateOnly? asAt, WorkforceKpis kpis, CancellationToken cancellationToken)
    {
        var date = asAt ?? BusinessDates.Today;
        var (teams, department) = await kpis.OnAsync(date, cancellationToken);
        return TypedResults.Ok(new KpiResponse(date, department, teams));
    }

    /// <summary>The census header, in order.</summary>
    public static readonly string[] CensusColumns =
    [
        "time_period", "census_date", "team_code", "inpost_fte", "inpost_headcount", "starters_fte", "leavers_fte", "turnover_rate_fte",
        "agency_fte", "agency_rate_fte", "agency_cover_fte", "vacancy_fte", "vacancy_rate_fte", "case_holders_fte", "cases", "caseload_fte",
        "working_days_lost_fte", "absence_rate_fte",
    ];

    internal static async Task<FileContentHttpResult> GetCensus(DateOnly? asAt, WorkforceKpis kpis, CancellationToken cancellationToken)
    {
        var date = asAt ?? new DateOnly(BusinessDates.Today.Year, 9, 30);
        var (teams, department) = await kpis.OnAsync(date, cancellationToken);
        var csv = new StringBuilder().AppendJoin(',', CensusColumns).Append('\n');
        foreach (var row in teams.Append(department))
        {
            string[] values =
            [
                date.Year.ToString(CultureInfo.InvariantCulture), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.TeamCode,
                Number(row.InPostFte), row.InPostHeadcount.ToString(CultureInfo.InvariantCulture), Number(row.StartersFte), Number(row.LeaversFte),
                Percent(row.TurnoverRateFte), Number(row.AgencyFte), Percent(row.AgencyRateFte), Number(row.AgencyCoverFte), Number(row.VacancyFte),
                Percent(row.VacancyRateFte), Number(row.CaseHoldersFte), row.Cases.ToString(CultureInfo.InvariantCulture),
                row.CaseloadFte is { } caseload ? Number(Math.Round(caseload, 1)) : "", Number(row.WorkingDaysLostFte), Percent(row.AbsenceRateFte),
            ];
            csv.AppendJoin(',', values).Append('\n');
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"csww-census-{date:yyyy-MM-dd}.csv");
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) : "";
}
