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
    /// <summary><paramref name="Release"/> is the request (or the case management system's release) as sent.</summary>
    public sealed record Command(Guid WorkerId, string CaseReference, ReleaseCaseRequest Release);

    public async Task<Outcome<CaseloadChange>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // The endpoint's request was checked against its declared rules before it got here; an ingest release is checked now.
        if (RequestValidation.Check(command.Release) is { Count: > 0 } errors) return Outcome.Refused<CaseloadChange>(errors);

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.WorkerId, cancellationToken);
        if (worker is null) return Outcome.NotFound<CaseloadChange>();
        var reference = command.CaseReference.ToUpperInvariant();
        var allocation = await db.CaseAllocations.FirstOrDefaultAsync(
            a => a.WorkerId == worker.Id && a.CaseReference == reference && a.ReleasedOn == null, cancellationToken);
        if (allocation is null) return Outcome.NotFound<CaseloadChange>();

        var on = command.Release.ReleasedOn!.Value;
        var threshold = await thresholds.ForAsync(worker.JobRole, cancellationToken);
        worker.ReleaseCase(allocation, on, threshold);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done<CaseloadChange>(new CaseloadChange(worker, threshold, on));
    }
}

/// <summary>A release as <c>POST /staff/{id}/cases/{caseReference}/release</c> (and the case management system's release) sends it.</summary>
public sealed record ReleaseCaseRequest([property: RequiredField, BusinessDate] DateOnly? ReleasedOn);
