using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Application;

/// <summary>
/// A case moved from one worker to another on a date, in one step (<c>POST /staff/{id}/cases/{caseReference}/transfer</c>).
/// The answer is the receiving worker's caseload.
/// </summary>
public sealed class TransferCase(WorkforceDbContext db, CaseloadThresholds thresholds)
{
    public sealed record Command(Guid FromWorkerId, string CaseReference, Guid? ToWorkerId, DateOnly? TransferredOn);

    public async Task<Outcome<CaseloadChange>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validator = new RequestValidator();
        validator.Required("toWorkerId", command.ToWorkerId);
        validator.When(command.ToWorkerId == command.FromWorkerId, "toWorkerId", "The case is already with this worker.");
        validator.DateRange("transferredOn", command.TransferredOn, BusinessDates.Earliest, BusinessDates.Latest);
        if (!validator.IsValid) return Outcome.Refused<CaseloadChange>(validator);

        var from = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.FromWorkerId, cancellationToken);
        var reference = command.CaseReference.ToUpperInvariant();
        var allocation = await db.CaseAllocations.FirstOrDefaultAsync(
            a => a.WorkerId == command.FromWorkerId && a.CaseReference == reference && a.ReleasedOn == null, cancellationToken);
        if (from is null || allocation is null) return Outcome.NotFound<CaseloadChange>();
        var to = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.ToWorkerId, cancellationToken);
        if (to is null) return Outcome.Refused<CaseloadChange>(validator.Add("toWorkerId", "The worker does not exist."));

        var on = command.TransferredOn!.Value;
        var (fromThreshold, toThreshold) = (await thresholds.ForAsync(from.JobRole, cancellationToken), await thresholds.ForAsync(to.JobRole, cancellationToken));
        // Two writes in one transaction: the release must reach the table before the new open allocation, which the one-holder index checks.
        await using var transaction = await db.BeginUseCaseTransactionAsync(cancellationToken);
        from.ReleaseCase(allocation, on, fromThreshold);
        await db.SaveChangesAsync(cancellationToken);
        db.CaseAllocations.Add(to.AllocateCase(reference, on, toThreshold));
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return Outcome.Done<CaseloadChange>(new CaseloadChange(to, toThreshold, on));
    }
}
