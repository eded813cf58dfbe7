using Microsoft.EntityFrameworkCore;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Infrastructure;

/// <summary>One team's (or the department's) workforce measures on a date, as the DfE workforce census defines them.</summary>
/// <remarks>
/// Population: qualified social workers (the census counts registered children and family social workers).
/// Flows (starters, leavers, sickness) cover the year to the date. Rates are fractions (0.163 = 16.3%).
/// </remarks>
public sealed record WorkforceMeasures(
    string TeamCode,
    decimal InPostFte,
    int InPostHeadcount,
    decimal StartersFte,
    decimal LeaversFte,
    decimal? TurnoverRateFte,
    decimal AgencyFte,
    decimal? AgencyRateFte,
    decimal AgencyCoverFte,
    decimal VacancyFte,
    decimal? VacancyRateFte,
    decimal CaseHoldersFte,
    int Cases,
    decimal? CaseloadFte,
    int WorkersOverWarning,
    decimal? ShareOverWarning,
    decimal WorkingDaysLostFte,
    decimal? AbsenceRateFte,
    decimal? SupervisionCompliance,
    int CaseHolders,
    int SupervisedWorkers,
    int SupervisionCompliant);

/// <summary>Computes the census measures for any date from the establishment's history.</summary>
public sealed class WorkforceKpis(WorkforceDbContext db, SupervisionRegister supervision, CaseloadThresholds caseloadThresholds)
{
    /// <summary>Post roles that count as social work posts for vacancies (the census counts social worker posts).</summary>
    private static readonly HashSet<string> SocialWorkRoles =
        [JobRoles.SocialWorker, JobRoles.SeniorSocialWorker, JobRoles.AdvancedPractitioner, JobRoles.TeamManager, JobRoles.ServiceManager];

    public async Task<(List<WorkforceMeasures> Teams, WorkforceMeasures Department)> OnAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var yearStart = date.AddYears(-1).AddDays(1);
        var staff = await db.Staff.AsNoTracking()
            .Where(s => s.IsQualifiedSocialWorker && s.StartDate <= date && (s.LeftOn == null || s.LeftOn >= yearStart))
            .Select(s => new StaffRow(s.Id, s.TeamCode, s.JobRole, s.EmploymentType, s.Fte, s.StartDate, s.LeftOn, s.PostId))
            .ToListAsync(cancellationToken);
        var ids = staff.Select(s => s.Id).ToList();
        var cases = await db.CaseAllocations.AsNoTracking()
            .Where(a => ids.Contains(a.WorkerId) && a.AllocatedOn <= date && (a.ReleasedOn == null || a.ReleasedOn > date))
            .GroupBy(a => a.WorkerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var sickness = await db.Absences.AsNoTracking()
            .Where(a => ids.Contains(a.WorkerId) && a.Reason == AbsenceReason.Sickness && a.FirstDay <= date && a.LastDay >= yearStart)
            .Select(a => new { a.WorkerId, a.FirstDay, a.LastDay })
            .ToListAsync(cancellationToken);
        var daysLost = sickness.GroupBy(a => a.WorkerId).ToDictionary(g => g.Key,
            g => g.Sum(a => WorkingDays.Between(a.FirstDay < yearStart ? yearStart : a.FirstDay, a.LastDay > date ? date : a.LastDay)));

        // Posts as they stood on the date: the latest version dated on or before it.
        var versions = await db.PostVersions.AsNoTracking().Where(v => v.EffectiveFrom <= date)
            .Select(v => new { v.PostId, v.Sequence, v.EffectiveFrom, v.TeamCode, v.JobRole, v.Fte, v.Status })
            .ToListAsync(cancellationToken);
        var posts = versions.GroupBy(v => v.PostId)
            .Select(g => g.OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Sequence).First())
            .Where(v => SocialWorkRoles.Contains(v.JobRole) && v.Status is PostStatus.Funded or PostStatus.Vacant)
            .ToList();

        var inForce = await caseloadThresholds.AllAsync(cancellationToken);
        var compliance = (await supervision.OnAsync(date, null, cancellationToken)).ToLookup(w => w.TeamCode);
        var workingDaysInYear = WorkingDays.Between(yearStart, date);

        WorkforceMeasures Measure(string team, IReadOnlyCollection<StaffRow> people, IEnumerable<decimal> vacantPostFte, IReadOnlyCollection<SupervisionRegister.WorkerSupervision> supervised)
        {
            var inPost = people.Where(s => s.IsInPostOn(date)).ToList();
            var employed = inPost.Where(s => s.EmploymentType == EmploymentType.Employed).ToList();
            var agency = inPost.Where(s => s.EmploymentType == EmploymentType.Agency).ToList();
            var employedFte = employed.Sum(s => s.Fte);
            var agencyFte = agency.Sum(s => s.Fte);
            var leaversFte = people.Where(s => s.EmploymentType == EmploymentType.Employed && s.LeftOn >= yearStart && s.LeftOn < date).Sum(s => s.Fte);
            var startersFte = people.Where(s => s.EmploymentType == EmploymentType.Employed && s.StartDate >= yearStart).Sum(s => s.Fte);
            var vacancyFte = vacantPostFte.Sum();
            var holders = inPost.Where(s => cases.GetValueOrDefault(s.Id) > 0).ToList();
            var holdersFte = holders.Sum(s => s.Fte);
            var caseCount = holders.Sum(s => cases[s.Id]);
            var over = holders.Count(s => cases[s.Id] > inForce[s.JobRole].Threshold.Warning);
            var lost = employed.Sum(s => daysLost.GetValueOrDefault(s.Id) * s.Fte);
            var overdue = supervised.Count(w => w.IsOverdue);
            return new WorkforceMeasures(team, employedFte, employed.Count, startersFte, leaversFte, Ratio(leaversFte, employedFte),
                agencyFte, Ratio(agencyFte, agencyFte + employedFte), agency.Where(s => s.PostId is not null).Sum(s => s.Fte),
                vacancyFte, Ratio(vacancyFte, vacancyFte + employedFte), holdersFte, caseCount, Ratio(caseCount, holdersFte, 2),
                over, Ratio(over, holders.Count), lost, Ratio(lost, employedFte * workingDaysInYear),
                Ratio(supervised.Count - overdue, supervised.Count), holders.Count, supervised.Count, supervised.Count - overdue);
        }

        var teams = staff.Select(s => s.TeamCode).Concat(posts.Select(p => p.TeamCode)).Distinct().Order()
            .Select(team => Measure(team, staff.Where(s => s.TeamCode == team).ToList(), posts.Where(p => p.TeamCode == team).Select(p => p.Fte),
                compliance[team].ToList()))
            .ToList();
        return (teams, Measure("ALL", staff, posts.Select(p => p.Fte), compliance.SelectMany(g => g).ToList()));
    }

    private static decimal? Ratio(decimal numerator, decimal denominator, int decimals = 4) =>
        denominator == 0 ? null : Math.Round(numerator / denominator, decimals);

    private sealed record StaffRow(Guid Id, string TeamCode, string JobRole, EmploymentType EmploymentType, decimal Fte, DateOnly StartDate, DateOnly? LeftOn, Guid? PostId)
    {
        public bool IsInPostOn(DateOnly date) => StartDate <= date && (LeftOn is null || date <= LeftOn);
    }
}
