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
    public sealed record Command(Guid WorkerId, DateOnly? FirstDay, DateOnly? LastDay, string? Reason);

    public static readonly string[] Reasons = ["sickness", "other"];

    public async Task<Outcome<Absence>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validator = new RequestValidator();
        validator.DateRange("firstDay", command.FirstDay, BusinessDates.Earliest, BusinessDates.Latest);
        validator.DateRange("lastDay", command.LastDay, BusinessDates.Earliest, BusinessDates.Latest);
        validator.OneOf("reason", command.Reason, Reasons);
        if (!validator.IsValid) return Outcome.Refused<Absence>(validator);

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.WorkerId, cancellationToken);
        if (worker is null) return Outcome.NotFound<Absence>();

        var absence = worker.RecordAbsence(command.FirstDay!.Value, command.LastDay!.Value,
            command.Reason == "sickness" ? AbsenceReason.Sickness : AbsenceReason.Other);
        db.Absences.Add(absence);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done<Absence>(absence);
    }
}
