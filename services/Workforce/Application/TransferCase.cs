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
    public sealed record Command(Guid FromWorkerId, string CaseReference, TransferCaseRequest Transfer);

    public async Task<Outcome<CaseloadChange>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = command.Transfer;
        if (RequestValidation.Check(request) is { Count: > 0 } errors) return Outcome.Refused<CaseloadChange>(errors);
        var validator = new RequestValidator();
        if (request.ToWorkerId == command.FromWorkerId) return Outcome.Refused<CaseloadChange>(validator.Add("toWorkerId", "The case is already with this worker."));

        var from = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.FromWorkerId, cancellationToken);
        var reference = command.CaseReference.ToUpperInvariant();
        var allocation = await db.CaseAllocations.FirstOrDefaultAsync(
            a => a.WorkerId == command.FromWorkerId && a.CaseReference == reference && a.ReleasedOn == null, cancellationToken);
        if (from is null || allocation is null) return Outcome.NotFound<CaseloadChange>();
        var to = await db.Staff.FirstOrDefaultAsync(s => s.Id == request.ToWorkerId, cancellationToken);
        if (to is null) return Outcome.Refused<CaseloadChange>(validator.Add("toWorkerId", "The worker does not exist."));

        var on = request.TransferredOn!.Value;
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

/// <summary>A transfer as <c>POST /staff/{id}/cases/{caseReference}/transfer</c> sends it.</summary>
public sealed record TransferCaseRequest(
    [property: RequiredField] Guid? ToWorkerId,
    [property: RequiredField, BusinessDate] DateOnly? TransferredOn);
