using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Workforce.V1;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Messaging;
using Platform.Workforce.Apis;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.IntegrationEvents;

// Commands from the departmental ingest (HR and case management systems). Each runs the same code as the matching
// API operation, so an event is validated and applied exactly as a request would be. A refusal (a field the domain
// rejects, a rule such as "still holds cases") fails the message straight into its _error queue with the reason in
// the MT-Fault-Message header; an unknown worker is retried first (the starter may still be on its way), then
// ends there too.

/// <summary>HR starter: records the worker with the id Ingest derived from the employee number.</summary>
public sealed class RecordStarterConsumer(WorkforceDbContext db) : InboxConsumer<RecordStarter, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(RecordStarter message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (await Db.Staff.FindAsync([message.WorkerId], cancellationToken) is not null)
        {
            throw DomainRuleException.Conflict($"Worker {message.WorkerId} has already started.", "employeeNumber");
        }
        var result = await StaffApi.StartWorkerWithId(new StaffApi.StartWorkerRequest(message.TeamCode, message.JobRole, message.EmploymentType,
            message.Fte, message.IsQualifiedSocialWorker, message.RegistrationNumber, message.PostId, message.StartDate, message.AgencyDayRate,
            message.ExpectedEndDate), Db, message.WorkerId, cancellationToken);
        IngestOutcome.ThrowIfRefused(result.Result, message.WorkerId);
    }
}

/// <summary>HR leaver.</summary>
public sealed class RecordLeaverConsumer(WorkforceDbContext db) : InboxConsumer<RecordLeaver, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(RecordLeaver message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var result = await StaffApi.Leave(message.WorkerId, new StaffApi.LeaveRequest(message.LeftOn, message.LeavingReason), Db, cancellationToken);
        IngestOutcome.ThrowIfRefused(result.Result, message.WorkerId);
    }
}

/// <summary>HR absence.</summary>
public sealed class RecordAbsenceConsumer(WorkforceDbContext db) : InboxConsumer<RecordAbsence, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(RecordAbsence message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var result = await StaffApi.RecordAbsence(message.WorkerId, new StaffApi.AbsenceRequest(message.FirstDay, message.LastDay, message.Reason), Db, cancellationToken);
        IngestOutcome.ThrowIfRefused(result.Result, message.WorkerId);
    }
}

/// <summary>Case management system: a case allocated to a worker.</summary>
public sealed class AllocateCaseConsumer(WorkforceDbContext db, CaseloadThresholds thresholds) : InboxConsumer<AllocateCase, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(AllocateCase message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var result = await CaseloadsApi.AllocateCase(message.WorkerId, new CaseloadsApi.AllocateCaseRequest(message.CaseReference, message.AllocatedOn),
            Db, thresholds, cancellationToken);
        IngestOutcome.ThrowIfRefused(result.Result, message.WorkerId);
    }
}

/// <summary>Case management system: a case released from a worker.</summary>
public sealed class ReleaseCaseConsumer(WorkforceDbContext db, CaseloadThresholds thresholds) : InboxConsumer<ReleaseCase, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(ReleaseCase message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var result = await CaseloadsApi.ReleaseCase(message.WorkerId, message.CaseReference, new CaseloadsApi.ReleaseCaseRequest(message.ReleasedOn),
            Db, thresholds, cancellationToken);
        IngestOutcome.ThrowIfRefused(result.Result, message.WorkerId);
    }
}

/// <summary>Turns an API operation's refusal into the failure a consumer reports.</summary>
internal static class IngestOutcome
{
    public static void ThrowIfRefused(Microsoft.AspNetCore.Http.IResult result, Guid workerId)
    {
        switch (result)
        {
            case ValidationProblem problem:
                var (field, messages) = problem.ProblemDetails.Errors.First();
                throw DomainRuleException.ForField(field, string.Join(" ", messages));
            case NotFound:
                // Not a DomainRuleException: retried, since the starter (or the allocation) may not have been applied yet.
                throw new KeyNotFoundException($"Worker {workerId} (or the case allocation) does not exist.");
        }
    }
}
