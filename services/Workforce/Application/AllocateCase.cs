using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Application;

/// <summary>
/// A case (by its case management reference only) allocated to a worker; a case is held by one worker at a time.
/// Called by <c>POST /staff/{id}/cases</c> and by the case management system's allocation from the ingest.
/// </summary>
public sealed class AllocateCase(WorkforceDbContext db, CaseloadThresholds thresholds)
{
    /// <summary><paramref name="Allocation"/> is the request (or the case management system's allocation) as sent.</summary>
    public sealed record Command(Guid WorkerId, AllocateCaseRequest Allocation);

    public async Task<Outcome<CaseloadChange>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // POST /staff/{id}/cases was checked against the request's declared rules before it got here; an ingest allocation is checked now.
        var request = command.Allocation;
        if (RequestValidation.Check(request) is { Count: > 0 } errors) return Outcome.Refused<CaseloadChange>(errors);

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.WorkerId, cancellationToken);
        if (worker is null) return Outcome.NotFound<CaseloadChange>();
        var reference = request.CaseReference!.ToUpperInvariant();
        var holder = await db.CaseAllocations.Where(a => a.CaseReference == reference && a.ReleasedOn == null)
            .Select(a => (Guid?)a.WorkerId).FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            throw DomainRuleException.Conflict(holder == worker.Id
                ? "The worker already holds this case."
                : $"The case is held by worker {holder}; release it there first.", "caseReference");
        }

        var on = request.AllocatedOn!.Value;
        var threshold = await thresholds.ForAsync(worker.JobRole, cancellationToken);
        db.CaseAllocations.Add(worker.AllocateCase(reference, on, threshold));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done<CaseloadChange>(new CaseloadChange(worker, threshold, on));
    }
}

/// <summary>A case allocation as <c>POST /staff/{id}/cases</c> (and the case management system's allocation) sends it.</summary>
public sealed record AllocateCaseRequest(
    [property: RequiredField, CaseReference] string? CaseReference,
    [property: RequiredField, BusinessDate] DateOnly? AllocatedOn);
