using Platform.Contracts.Ingest.V1;

namespace Platform.Contracts.Workforce.V1;

// Commands from departmental systems (HR, the case management system), sent by the Ingest service after it has
// authenticated, validated and de-duplicated the CloudEvent. EventId is derived from the event's source and id,
// so a republished command is applied once by Workforce's inbox. Workers are identified by the id Ingest derives
// from the HR employee number (docs/ingest.md); no names travel.

/// <summary>An HR system recorded a starter (employed or agency).</summary>
public sealed record RecordStarter(
    Guid WorkerId,
    string TeamCode,
    string JobRole,
    string EmploymentType,
    decimal Fte,
    bool IsQualifiedSocialWorker,
    string? RegistrationNumber,
    Guid? PostId,
    DateOnly StartDate,
    decimal? AgencyDayRate,
    DateOnly? ExpectedEndDate) : IngestCommand;

/// <summary>An HR system recorded a leaver.</summary>
public sealed record RecordLeaver(Guid WorkerId, DateOnly LeftOn, string LeavingReason) : IngestCommand;

/// <summary>An HR system recorded a period of absence (reason sickness or other).</summary>
public sealed record RecordAbsence(Guid WorkerId, DateOnly FirstDay, DateOnly LastDay, string Reason) : IngestCommand;

/// <summary>The case management system allocated a case (by its reference only) to a worker.</summary>
public sealed record AllocateCase(Guid WorkerId, string CaseReference, DateOnly AllocatedOn) : IngestCommand;

/// <summary>The case management system released a case from a worker.</summary>
public sealed record ReleaseCase(Guid WorkerId, string CaseReference, DateOnly ReleasedOn) : IngestCommand;
