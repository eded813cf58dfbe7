using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Workforce.V1;
using Platform.ServiceDefaults.Measures;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Infrastructure;

/// <summary>
/// Workforce's published measures (docs/measures.md): the census rates of <see cref="WorkforceKpis"/>, the very
/// figures <c>GET /kpis</c> answers, for the department (scope "") and each team.
/// </summary>
public sealed class WorkforceMeasureSource(WorkforceDbContext db, WorkforceKpis kpis, IOptions<WorkforceOptions> options) : IMeasureSource
{
    public const string VacancyRate = "vacancy-rate";
    public const string AgencyRate = "agency-rate";
    public const string AverageCaseload = "average-caseload";
    public const string CaseloadOverThreshold = "caseload-over-threshold";
    public const string SupervisionCompliance = "supervision-compliance";

    public string Owner => "workforce";

    public async Task<IReadOnlyList<DateOnly>> ChangeDatesAsync(DateOnly from, int limit, CancellationToken cancellationToken)
    {
        // A census measure moves when a post version takes effect, a worker starts or the day after one leaves, a case is
        // allocated or released, a supervision is held, or the day after a supervision falls due (start or last session
        // plus the interval).
        var interval = options.Value.SupervisionIntervalDays;
        var dates = db.PostVersions.Select(v => v.EffectiveFrom)
            .Concat(db.Staff.Select(s => s.StartDate))
            .Concat(db.Staff.Where(s => s.LeftOn != null).Select(s => s.LeftOn!.Value.AddDays(1)))
            .Concat(db.Staff.Select(s => s.StartDate.AddDays(interval + 1)))
            .Concat(db.CaseAllocations.Select(a => a.AllocatedOn))
            .Concat(db.CaseAllocations.Where(a => a.ReleasedOn != null).Select(a => a.ReleasedOn!.Value))
            .Concat(db.SupervisionSessions.Select(s => s.HeldOn))
            .Concat(db.SupervisionSessions.Select(s => s.HeldOn.AddDays(interval + 1)));
        return await dates.Where(d => d >= from).Distinct().OrderBy(d => d).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IReadOnlyList<MeasureValue>>> ValuesOnAsync(IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var result = new List<IReadOnlyList<MeasureValue>>(dates.Count);
        foreach (var date in dates)
        {
            var (teams, department) = await kpis.OnAsync(date, cancellationToken);
            result.Add(teams.SelectMany(t => Values(t.TeamCode, t)).Concat(Values("", department)).ToList());
        }
        return result;
    }

    private static IEnumerable<MeasureValue> Values(string scope, WorkforceMeasures m)
    {
        yield return MeasureValue.Percent(VacancyRate, scope, m.VacancyRateFte, m.VacancyFte, m.VacancyFte + m.InPostFte);
        yield return MeasureValue.Percent(AgencyRate, scope, m.AgencyRateFte, m.AgencyFte, m.AgencyFte + m.InPostFte);
        yield return new MeasureValue(AverageCaseload, scope, m.CaseloadFte, m.Cases, m.CaseHoldersFte);
        yield return MeasureValue.Percent(CaseloadOverThreshold, scope, m.ShareOverWarning, m.WorkersOverWarning, m.CaseHolders);
        yield return MeasureValue.Percent(SupervisionCompliance, scope, m.SupervisionCompliance, m.SupervisionCompliant, m.SupervisedWorkers);
    }

    /// <summary>The first business date each Workforce event's change can move a measure on.</summary>
    public static DateOnly? AffectedFrom(IntegrationEvent integrationEvent) => integrationEvent switch
    {
        PostCreated e => e.EffectiveFrom,
        PostChanged e => e.EffectiveFrom,
        PostDeleted e => e.EffectiveOn,
        VacancyOpened e => e.OpenedOn,
        VacancyFilled e => e.FilledOn,
        VacancyWithdrawn e => e.WithdrawnOn,
        StaffMemberStarted e => e.StartDate,
        StaffMemberLeft e => e.LeftOn,
        AgencyWorkerEngaged e => e.StartDate,
        AgencyWorkerEnded e => e.EndDate,
        CaseloadChanged e => e.ChangedOn,
        SupervisionRecorded e => e.HeldOn,
        _ => null,
    };
}
