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
    public sealed record Command(Guid WorkerId, DateOnly? LeftOn, string? LeavingReason);

    public async Task<Outcome<StaffMember>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validator = new RequestValidator();
        validator.DateRange("leftOn", command.LeftOn, BusinessDates.Earliest, BusinessDates.Latest);
        validator.OneOf("leavingReason", command.LeavingReason, LeavingReasons.All);
        if (!validator.IsValid) return Outcome.Refused<StaffMember>(validator);

        var worker = await db.Staff.FirstOrDefaultAsync(s => s.Id == command.WorkerId, cancellationToken);
        if (worker is null) return Outcome.NotFound<StaffMember>();

        worker.Leave(command.LeftOn!.Value, command.LeavingReason!);
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
