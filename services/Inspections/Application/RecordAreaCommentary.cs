using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;

namespace Platform.Inspections.Application;

/// <summary>The improvement lead's one-line commentary on an area, as of a date (the board shows the latest on or before its date).</summary>
public sealed class RecordAreaCommentary(InspectionsDbContext db, TimeProvider time)
{
    public sealed record Command(string AreaCode, string Text, DateOnly On, string EnteredBy);

    /// <summary>The commentary recorded, or null when the area does not exist.</summary>
    public async Task<AreaCommentary?> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var code = command.AreaCode.ToUpperInvariant();
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Code == code, cancellationToken);
        if (area is null) return null;
        var commentary = new AreaCommentary(Guid.CreateVersion7(), area, command.Text, command.On, command.EnteredBy, time.GetUtcNow());
        db.AreaCommentaries.Add(commentary);
        await db.SaveChangesAsync(cancellationToken);
        return commentary;
    }
}
