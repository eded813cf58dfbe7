using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Application;

/// <summary>
/// A case released from the worker holding it. Called by <c>POST /staff/{id}/cases/{caseReference}/release</c> and by
/// the case management system's release from the ingest. Not found when the worker does not hold the case.
/// </summary>
public sealed class ReleaseCase(WorkforceDbContext db, CaseloadThresholds thresholds)
{
    public sealed record Command(Guid WorkerId, string CaseReference, DateOnly? ReleasedOn);

    public async Task<Outcome<CaseloadChange>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validator = new RequestValidator();
        validator.DateRange("releasedOn", command.ReleasedOn, BusinessDates.Earliest, BusinessDates.Latest);
        if (!validator.IsValid) return Outcome.Refused<CaseloadChange>(validator);

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.WorkerId, cancellationToken);
        if (worker is null) return Outcome.NotFound<CaseloadChange>();
        var reference = command.CaseReference.ToUpperInvariant();
        var allocation = await db.CaseAllocations.FirstOrDefaultAsync(
            a => a.WorkerId == worker.Id && a.CaseReference == reference && a.ReleasedOn == null, cancellationToken);
        if (allocation is null) return Outcome.NotFound<CaseloadChange>();

        var on = command.ReleasedOn!.Value;
        var threshold = await thresholds.ForAsync(worker.JobRole, cancellationToken);
        worker.ReleaseCase(allocation, on, threshold);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done<CaseloadChange>(new CaseloadChange(worker, threshold, on));
    }
}
