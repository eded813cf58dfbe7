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
    public sealed record Command(Guid WorkerId, string? CaseReference, DateOnly? AllocatedOn);

    public async Task<Outcome<CaseloadChange>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validator = new RequestValidator();
        if (validator.Required("caseReference", command.CaseReference, 30))
        {
            validator.When(!CaseAllocation.IsValidReference(command.CaseReference), "caseReference",
                "A case reference is the case management system's reference: letters, digits, '-' or '/', with at least one digit. Names are not accepted.");
        }
        validator.DateRange("allocatedOn", command.AllocatedOn, BusinessDates.Earliest, BusinessDates.Latest);
        if (!validator.IsValid) return Outcome.Refused<CaseloadChange>(validator);

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.WorkerId, cancellationToken);
        if (worker is null) return Outcome.NotFound<CaseloadChange>();
        var reference = command.CaseReference!.ToUpperInvariant();
        var holder = await db.CaseAllocations.Where(a => a.CaseReference == reference && a.ReleasedOn == null)
            .Select(a => (Guid?)a.WorkerId).FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            throw DomainRuleException.Conflict(holder == worker.Id
                ? "The worker already holds this case."
                : $"The case is held by worker {holder}; release it there first.", "caseReference");
        }

        var on = command.AllocatedOn!.Value;
        var threshold = await thresholds.ForAsync(worker.JobRole, cancellationToken);
        db.CaseAllocations.Add(worker.AllocateCase(reference, on, threshold));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done<CaseloadChange>(new CaseloadChange(worker, threshold, on));
    }
}
