namespace Platform.ServiceDefaults.Security;

/// <summary>The platform's roles (the <c>roles</c> claim of a token) and the authorisation policies built on them.</summary>
public static class PlatformRoles
{
    public const string PlatformAdmin = "platform-admin";
    public const string WorkforceManager = "workforce-manager";
    public const string FinanceOfficer = "finance-officer";
    public const string PlacementsOfficer = "placements-officer";
    public const string ImprovementLead = "improvement-lead";
    public const string ReadOnlyOperator = "read-only-operator";

    /// <summary>Every role; any of them may read.</summary>
    public static readonly IReadOnlyList<string> All =
        [PlatformAdmin, WorkforceManager, FinanceOfficer, PlacementsOfficer, ImprovementLead, ReadOnlyOperator];

    /// <summary>The role (besides platform-admin) that may change each service's data.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceWriters = new Dictionary<string, string>
    {
        ["workforce"] = WorkforceManager,
        ["finance"] = FinanceOfficer,
        ["placements"] = PlacementsOfficer,
        ["inspections"] = ImprovementLead,
    };

    /// <summary>Policy: any platform role (reads).</summary>
    public const string ReadPolicy = "platform-read";

    /// <summary>Policy: platform-admin only (audit trail, key administration).</summary>
    public const string AdminPolicy = "platform-admin";

    /// <summary>
    /// Policy: child-level data (a child's record and episodes, the 903 return's export): the roles whose work needs it,
    /// platform-admin and placements-officer. Every other role sees the aggregate measures only.
    /// </summary>
    public const string ChildDataPolicy = "child-data";

    public static readonly IReadOnlyList<string> ChildDataReaders = [PlatformAdmin, PlacementsOfficer];

    /// <summary>Policy name for writes to a service: platform-admin or the service's own role.</summary>
    public static string WritePolicy(string writerRole) => $"write:{writerRole}";
}
