using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Application;

/// <summary>
/// A worker leaves (refused while they hold cases): an employed worker frees the post they filled. Called by
/// <c>POST /staff/{id}/leave</c> and by the HR leaver from the departmental ingest.
/// </summary>
public sealed class RecordLeaving(WorkforceDbContext db)
{
    /// <summary><paramref name="Leaving"/> is the request (or the HR leaver from the ingest) as sent.</summary>
    public sealed record Command(Guid WorkerId, LeaveRequest Leaving);

    public async Task<Outcome<StaffMember>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // POST /staff/{id}/leave was checked against the request's declared rules before it got here; an HR leaver is checked now.
        var request = command.Leaving;
        if (RequestValidation.Check(request) is { Count: > 0 } errors) return Outcome.Refused<StaffMember>(errors);

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.WorkerId, cancellationToken);
        if (worker is null) return Outcome.NotFound<StaffMember>();

        worker.Leave(request.LeftOn!.Value, request.LeavingReason!);
        if (worker.EmploymentType == EmploymentType.Employed)
        {
            if (worker.PostId is { } postId && await db.Posts.FirstOrDefaultAsync(p => p.Id == postId, cancellationToken) is { OccupantId: { } occupant } post
                && occupant == worker.Id)
            {
                post.Vacate(worker.LeftOn!.Value);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done<StaffMember>(worker);
    }
}

/// <summary>A leaving as <c>POST /staff/{id}/leave</c> (and the HR leaver from the ingest) sends it.</summary>
public sealed record LeaveRequest(
    [property: RequiredField, BusinessDate] DateOnly? LeftOn,
    [property: RequiredField, LeavingReason] string? LeavingReason);
