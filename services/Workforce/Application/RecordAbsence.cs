using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Application;

/// <summary>
/// A period of a worker's absence (working days lost counted Monday to Friday). Called by
/// <c>POST /staff/{id}/absences</c> and by the HR absence from the departmental ingest.
/// </summary>
public sealed class RecordAbsence(WorkforceDbContext db)
{
    /// <summary><paramref name="Absence"/> is the request (or the HR absence from the ingest) as sent.</summary>
    public sealed record Command(Guid WorkerId, AbsenceRequest Absence);

    public static readonly string[] Reasons = ["sickness", "other"];

    public async Task<Outcome<Absence>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // POST /staff/{id}/absences was checked against the request's declared rules before it got here; an HR absence is checked now.
        var request = command.Absence;
        if (RequestValidation.Check(request) is { Count: > 0 } errors) return Outcome.Refused<Absence>(errors);

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.WorkerId, cancellationToken);
        if (worker is null) return Outcome.NotFound<Absence>();

        var absence = worker.RecordAbsence(request.FirstDay!.Value, request.LastDay!.Value,
            request.Reason == "sickness" ? AbsenceReason.Sickness : AbsenceReason.Other);
        db.Absences.Add(absence);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done<Absence>(absence);
    }
}

/// <summary>An absence as <c>POST /staff/{id}/absences</c> (and the HR absence from the ingest) sends it.</summary>
public sealed record AbsenceRequest(
    [property: RequiredField, BusinessDate] DateOnly? FirstDay,
    [property: RequiredField, BusinessDate] DateOnly? LastDay,
    [property: RequiredField, AbsenceReason] string? Reason);
