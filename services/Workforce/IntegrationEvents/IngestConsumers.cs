using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Messaging;
using Platform.Workforce.Application;
using Platform.Workforce.Infrastructure;
using Ingest = Platform.Contracts.Workforce.V1;

namespace Platform.Workforce.IntegrationEvents;

// Commands from the departmental ingest (HR and case management systems). Each calls the same use case as the matching
// API operation, so an event is validated and applied exactly as a request would be. A refusal (a field the use case
// or the domain rejects, a rule such as "still holds cases") fails the message straight into its _error queue with the
// reason in the MT-Fault-Message header; an unknown worker is retried first (the starter may still be on its way),
// then ends there too.

/// <summary>HR starter: records the worker with the id Ingest derived from the employee number.</summary>
public sealed class RecordStarterConsumer(WorkforceDbContext db, StartWorker startWorker) : InboxConsumer<Ingest.RecordStarter, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(Ingest.RecordStarter message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (await Db.Staff.FindAsync([message.WorkerId], cancellationToken) is not null)
        {
            throw DomainRuleException.Conflict($"Worker {message.WorkerId} has already started.", "employeeNumber");
        }
        (await startWorker.HandleAsync(new StartWorker.Command(message.WorkerId, new StartWorkerRequest(message.TeamCode, message.JobRole,
            message.EmploymentType, message.Fte, message.IsQualifiedSocialWorker, message.RegistrationNumber, message.PostId, message.StartDate,
            message.AgencyDayRate, message.ExpectedEndDate)), cancellationToken)).ResultOrThrow(UnknownWorker(message.WorkerId));
    }

    private static string UnknownWorker(Guid workerId) => $"Worker {workerId} does not exist.";
}

/// <summary>HR leaver.</summary>
public sealed class RecordLeaverConsumer(WorkforceDbContext db, RecordLeaving recordLeaving) : InboxConsumer<Ingest.RecordLeaver, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(Ingest.RecordLeaver message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        (await recordLeaving.HandleAsync(new RecordLeaving.Command(message.WorkerId, new LeaveRequest(message.LeftOn, message.LeavingReason)), cancellationToken))
            .ResultOrThrow($"Worker {message.WorkerId} does not exist.");
}

/// <summary>HR absence.</summary>
public sealed class RecordAbsenceConsumer(WorkforceDbContext db, RecordAbsence recordAbsence) : InboxConsumer<Ingest.RecordAbsence, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(Ingest.RecordAbsence message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        (await recordAbsence.HandleAsync(new RecordAbsence.Command(message.WorkerId, new AbsenceRequest(message.FirstDay, message.LastDay, message.Reason)), cancellationToken))
            .ResultOrThrow($"Worker {message.WorkerId} does not exist.");
}

/// <summary>Case management system: a case allocated to a worker.</summary>
public sealed class AllocateCaseConsumer(WorkforceDbContext db, AllocateCase allocateCase) : InboxConsumer<Ingest.AllocateCase, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(Ingest.AllocateCase message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        (await allocateCase.HandleAsync(new AllocateCase.Command(message.WorkerId, new AllocateCaseRequest(message.CaseReference, message.AllocatedOn)), cancellationToken))
            .ResultOrThrow($"Worker {message.WorkerId} does not exist.");
}

/// <summary>Case management system: a case released from a worker.</summary>
public sealed class ReleaseCaseConsumer(WorkforceDbContext db, ReleaseCase releaseCase) : InboxConsumer<Ingest.ReleaseCase, WorkforceDbContext>(db)
{
    protected override async Task HandleAsync(Ingest.ReleaseCase message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        (await releaseCase.HandleAsync(new ReleaseCase.Command(message.WorkerId, message.CaseReference, new ReleaseCaseRequest(message.ReleasedOn)), cancellationToken))
            .ResultOrThrow($"Worker {message.WorkerId} (or its allocation of the case) does not exist.");
}
