using Microsoft.EntityFrameworkCore;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Application;

/// <summary>
/// The posts a restructure programme creates, month by month: how many the approved plan creates, how many exist, and
/// of those how many are filled by an employee, covered by an agency worker or vacant, at each month end.
/// </summary>
public sealed class RestructureRecruitment(WorkforceDbContext db)
{
    /// <summary>The most month ends one answer covers.</summary>
    public const int MaxMonths = 36;

    public sealed record Month(DateOnly MonthEnd, int Planned, int Created, int Filled, int CoveredByAgency, int Vacant);

    public sealed record Answer(Guid ProgrammeId, string Name, int PlannedPosts, IReadOnlyList<Month> Months);

    /// <summary>The month ends from <paramref name="from"/>'s month to <paramref name="to"/>'s, or null when the programme does not exist.</summary>
    public async Task<Answer?> HandleAsync(Guid programmeId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var programme = await db.RestructureProgrammes.AsNoTracking().Include(p => p.Proposals)
            .FirstOrDefaultAsync(p => p.Id == programmeId, cancellationToken);
        if (programme is null) return null;

        var creations = programme.Proposals.Where(p => p.Kind == ProposalKind.CreatePost && p.Status != ProposalStatus.Withdrawn).ToList();
        var postIds = creations.Where(p => p.PostId is not null).Select(p => p.PostId!.Value).ToList();
        var versions = await db.PostVersions.AsNoTracking().Where(v => postIds.Contains(v.PostId))
            .Select(v => new { v.PostId, v.Sequence, v.EffectiveFrom, v.Status }).ToListAsync(cancellationToken);
        var agency = await db.Staff.AsNoTracking()
            .Where(s => s.EmploymentType == EmploymentType.Agency && s.PostId != null && postIds.Contains(s.PostId.Value))
            .Select(s => new { PostId = s.PostId!.Value, s.StartDate, s.LeftOn }).ToListAsync(cancellationToken);

        var months = new List<Month>();
        for (var monthEnd = MonthEnd(from); monthEnd <= MonthEnd(to) && months.Count < MaxMonths; monthEnd = MonthEnd(monthEnd.AddDays(1)))
        {
            var date = monthEnd;
            var planned = creations.Count(p => p.ApprovedOn <= date);
            var states = versions.Where(v => v.EffectiveFrom <= date).GroupBy(v => v.PostId)
                .Select(g => (PostId: g.Key, g.OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Sequence).First().Status))
                .Where(p => p.Status is not (PostStatus.Deleted or PostStatus.Frozen)).ToList();
            var filled = states.Count(p => p.Status == PostStatus.Filled);
            var covered = states.Count(p => p.Status != PostStatus.Filled
                && agency.Any(a => a.PostId == p.PostId && a.StartDate <= date && (a.LeftOn is null || date <= a.LeftOn)));
            months.Add(new Month(date, planned, states.Count, filled, covered, states.Count - filled - covered));
        }
        return new Answer(programme.Id, programme.Name, creations.Count(p => p.Status is ProposalStatus.Approved or ProposalStatus.Implemented), months);
    }

    private static DateOnly MonthEnd(DateOnly date) => new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(-1);
}
