using Platform.Contracts.Workforce.V1;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;

namespace Platform.Inspections.IntegrationEvents;

/// <summary>An employed worker started: counts towards agency rate and supervision compliance.</summary>
public sealed class StaffMemberStartedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<StaffMemberStarted>(db)
{
    protected override async Task<InputChange?> ApplyAsync(StaffMemberStarted message, CancellationToken cancellationToken)
    {
        if (await Db.Workers.FindAsync([message.WorkerId], cancellationToken) is null)
        {
            Db.Workers.Add(new WorkerRecord(message.WorkerId, message.TeamCode, message.JobRole, message.Fte, isAgency: false, message.StartDate));
        }
        return new InputChange(message.StartDate, message.TeamCode, WorkerMeasures);
    }

    internal static readonly string[] WorkerMeasures = [Measures.AgencyRate, Measures.SupervisionCompliance, Measures.AverageCaseload, Measures.CaseloadOverThreshold];

    internal static async Task<WorkerRecord> LoadAsync(InspectionsDbContext db, Guid workerId, CancellationToken cancellationToken) =>
        await db.Workers.FindAsync([workerId], cancellationToken)
            ?? throw new InvalidOperationException($"Worker {workerId} is not known yet; the message will be retried.");
}

/// <summary>An employed worker left.</summary>
public sealed class StaffMemberLeftConsumer(InspectionsDbContext db) : IndicatorInputConsumer<StaffMemberLeft>(db)
{
    protected override async Task<InputChange?> ApplyAsync(StaffMemberLeft message, CancellationToken cancellationToken)
    {
        (await StaffMemberStartedConsumer.LoadAsync(Db, message.WorkerId, cancellationToken)).End(message.LeftOn);
        return new InputChange(message.LeftOn, message.TeamCode, StaffMemberStartedConsumer.WorkerMeasures);
    }
}

/// <summary>An agency worker was engaged.</summary>
public sealed class AgencyWorkerEngagedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<AgencyWorkerEngaged>(db)
{
    protected override async Task<InputChange?> ApplyAsync(AgencyWorkerEngaged message, CancellationToken cancellationToken)
    {
        if (await Db.Workers.FindAsync([message.WorkerId], cancellationToken) is null)
        {
            Db.Workers.Add(new WorkerRecord(message.WorkerId, message.TeamCode, message.JobRole, message.Fte, isAgency: true, message.StartDate));
        }
        return new InputChange(message.StartDate, message.TeamCode, StaffMemberStartedConsumer.WorkerMeasures);
    }
}

/// <summary>An agency engagement ended.</summary>
public sealed class AgencyWorkerEndedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<AgencyWorkerEnded>(db)
{
    protected override async Task<InputChange?> ApplyAsync(AgencyWorkerEnded message, CancellationToken cancellationToken)
    {
        (await StaffMemberStartedConsumer.LoadAsync(Db, message.WorkerId, cancellationToken)).End(message.EndDate);
        return new InputChange(message.EndDate, message.TeamCode, StaffMemberStartedConsumer.WorkerMeasures);
    }
}

/// <summary>A worker's caseload changed: feeds average caseload per FTE and the share over the warning threshold.</summary>
public sealed class CaseloadChangedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<CaseloadChanged>(db)
{
    protected override Task<InputChange?> ApplyAsync(CaseloadChanged message, CancellationToken cancellationToken)
    {
        Db.CaseloadSnapshots.Add(new CaseloadSnapshot(message.WorkerId, message.TeamCode, message.Fte, message.Caseload, message.WarningThreshold, message.ChangedOn, message.OccurredAt));
        return Task.FromResult<InputChange?>(new InputChange(message.ChangedOn, message.TeamCode, Measures.AverageCaseload, Measures.CaseloadOverThreshold));
    }
}

/// <summary>A supervision session was held.</summary>
public sealed class SupervisionRecordedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<SupervisionRecorded>(db)
{
    protected override Task<InputChange?> ApplyAsync(SupervisionRecorded message, CancellationToken cancellationToken)
    {
        Db.SupervisionEntries.Add(new SupervisionEntry(message.WorkerId, message.TeamCode, message.HeldOn, message.NextDueOn));
        return Task.FromResult<InputChange?>(new InputChange(message.HeldOn, message.TeamCode, Measures.SupervisionCompliance));
    }
}

/// <summary>A worker's supervision is overdue: the worker counts, as not compliant, from the missed due date.</summary>
public sealed class SupervisionOverdueConsumer(InspectionsDbContext db) : IndicatorInputConsumer<SupervisionOverdue>(db)
{
    protected override Task<InputChange?> ApplyAsync(SupervisionOverdue message, CancellationToken cancellationToken)
    {
        Db.SupervisionEntries.Add(new SupervisionEntry(message.WorkerId, message.TeamCode, null, message.DueOn));
        return Task.FromResult<InputChange?>(new InputChange(message.DetectedOn, message.TeamCode, Measures.SupervisionCompliance));
    }
}
