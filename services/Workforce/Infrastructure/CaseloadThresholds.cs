using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Infrastructure;

/// <summary>The caseload thresholds in force: a role's own when set, the configured defaults otherwise.</summary>
public sealed class CaseloadThresholds(WorkforceDbContext db, IOptions<WorkforceOptions> options)
{
    public async Task<CaseloadThreshold> ForAsync(string jobRole, CancellationToken cancellationToken) =>
        await db.CaseloadThresholds.AsNoTracking().FirstOrDefaultAsync(t => t.JobRole == jobRole, cancellationToken) ?? Default(jobRole);

    /// <summary>Every job role's threshold, and whether it is the configured default.</summary>
    public async Task<Dictionary<string, (CaseloadThreshold Threshold, bool IsDefault)>> AllAsync(CancellationToken cancellationToken)
    {
        var configured = await db.CaseloadThresholds.AsNoTracking().ToDictionaryAsync(t => t.JobRole, cancellationToken);
        return JobRoles.All.ToDictionary(role => role,
            role => configured.TryGetValue(role, out var own) ? (own, false) : (Default(role), true));
    }

    private CaseloadThreshold Default(string jobRole) =>
        new(jobRole, options.Value.DefaultCaseloadWarning, options.Value.DefaultCaseloadCritical);
}
