namespace Platform.Workforce.Domain;

/// <summary>Job roles of the establishment, as codes. Caseload thresholds and census rows key on them.</summary>
public static class JobRoles
{
    public const string SocialWorker = "social-worker";
    public const string SeniorSocialWorker = "senior-social-worker";
    public const string AdvancedPractitioner = "advanced-practitioner";
    public const string TeamManager = "team-manager";
    public const string ServiceManager = "service-manager";
    public const string PersonalAdviser = "personal-adviser";
    public const string FamilySupportWorker = "family-support-worker";
    public const string BusinessSupport = "business-support";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        SocialWorker, SeniorSocialWorker, AdvancedPractitioner, TeamManager, ServiceManager,
        PersonalAdviser, FamilySupportWorker, BusinessSupport,
    };
}
