using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;

namespace Platform.Inspections.Infrastructure;

/// <summary>The checks run for a date: overdue plan actions and approaching deadlines, each raised once.</summary>
public static class PlanChecks
{
    public static async Task<IReadOnlyList<ActionOverdueDomainEvent>> RaiseOverdueActionsAsync(InspectionsDbContext db, DateOnly asAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var candidates = await db.Actions
            .Where(a => a.DueOn < asAt && (a.CompletedOn == null || a.CompletedOn > asAt) && (a.OverdueRaisedFor == null || a.OverdueRaisedFor != a.DueOn))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var raised = new List<ActionOverdueDomainEvent>();
        foreach (var action in candidates)
        {
            if (action.DetectOverdue(asAt) is { } overdue) raised.Add(overdue);
        }
        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }

    /// <summary>Deadlines due from <paramref name="asAt"/> to <paramref name="withinDays"/> days after it, soonest first.</summary>
    public static async Task<List<Deadline>> CalendarAsync(InspectionsDbContext db, DateOnly asAt, int withinDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = asAt.AddDays(withinDays);
        var requirements = await (
            from requirement in db.DirectionRequirements.AsNoTracking()
            join direction in db.Directions.AsNoTracking() on requirement.DirectionId equals direction.Id
            where requirement.DueOn != null && requirement.DueOn >= asAt && requirement.DueOn <= until
                && direction.IssuedOn <= asAt && (direction.EndedOn == null || direction.EndedOn > asAt)
            select new { requirement.Id, requirement.Description, requirement.DueOn, direction.Title }).ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking()
            .Where(a => a.DueOn >= asAt && a.DueOn <= until && a.RaisedOn <= asAt && (a.CompletedOn == null || a.CompletedOn > asAt))
            .ToListAsync(cancellationToken);
        var reviews = await db.CommissionerReviews.AsNoTracking()
            .Where(r => r.ReportDueOn >= asAt && r.ReportDueOn <= until && r.StartedOn <= asAt && (r.PublishedOn == null || r.PublishedOn > asAt))
            .ToListAsync(cancellationToken);

        return requirements.Select(r => new Deadline(r.Id, DeadlineKinds.Direction, $"{r.Title}: {r.Description}", r.DueOn!.Value, Days(asAt, r.DueOn!.Value)))
            .Concat(actions.Select(a => new Deadline(a.Id, DeadlineKinds.Action, $"{a.AreaCode}: {a.Title}", a.DueOn, Days(asAt, a.DueOn))))
            .Concat(reviews.Select(r => new Deadline(r.Id, DeadlineKinds.Review, "Commissioner's report due", r.ReportDueOn, Days(asAt, r.ReportDueOn))))
            .OrderBy(d => d.DueOn).ThenBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.SourceId)
            .ToList();
    }

    /// <summary>Raises DeadlineApproaching for each deadline within the warning window, once per deadline.</summary>
    public static async Task<IReadOnlyList<Deadline>> RaiseApproachingDeadlinesAsync(InspectionsDbContext db, DateOnly asAt, int windowDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = await CalendarAsync(db, asAt, windowDays, cancellationToken);
        var sourceIds = due.Select(d => d.SourceId).ToList();
        var already = (await db.DeadlineNotices.AsNoTracking().Where(n => sourceIds.Contains(n.SourceId)).ToListAsync(cancellationToken))
            .Select(n => (n.SourceId, n.Kind, n.DueOn)).ToHashSet();
        var raised = due.Where(d => !already.Contains((d.SourceId, d.Kind, d.DueOn))).ToList();
        foreach (var deadline in raised)
        {
            db.DeadlineNotices.Add(new DeadlineNotice(deadline.SourceId, deadline.Kind, deadline.Description, deadline.DueOn, asAt));
        }
        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }

    private static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}
