using Platform.Contracts.Workforce.V1;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Application;

/// <summary>A worker's caseload after a change, with the thresholds of their role that it was judged against.</summary>
public sealed record CaseloadChange(StaffMember Worker, CaseloadThreshold Threshold, DateOnly On);

/// <summary>The events a change of caseload raises, written once for allocation, release and transfer.</summary>
internal static class CaseloadEvents
{
    /// <summary>CaseloadChanged always; CaseloadThresholdBreached only when this change takes the worker over a limit they were not over.</summary>
    public static void Publish(WorkforceDbContext db, StaffMember worker, int before, CaseloadThreshold threshold, DateOnly on)
    {
        db.AddIntegrationEvent(new CaseloadChanged(worker.Id, worker.TeamCode, worker.JobRole, worker.Fte, worker.Caseload,
            threshold.Warning, threshold.Critical, on));
        foreach (var (level, limit) in new[] { ("warning", threshold.Warning), ("critical", threshold.Critical) })
        {
            if (before <= limit && worker.Caseload > limit)
            {
                db.AddIntegrationEvent(new CaseloadThresholdBreached(worker.Id, worker.TeamCode, worker.JobRole, worker.Caseload, limit, level, on));
            }
        }
    }
}
