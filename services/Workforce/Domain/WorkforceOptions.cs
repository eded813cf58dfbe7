namespace Platform.Workforce.Domain;

/// <summary>
/// Council policy the department can tune without a release (configuration section <c>Workforce</c>).
/// None of these is statutory: caseload limits and supervision frequency are local policy.
/// </summary>
public sealed class WorkforceOptions
{
    public const string Section = "Workforce";

    /// <summary>Caseload above which a worker is flagged amber, unless the role has its own threshold.</summary>
    public int DefaultCaseloadWarning { get; set; } = 20;

    /// <summary>Caseload above which a worker is flagged red, unless the role has its own threshold.</summary>
    public int DefaultCaseloadCritical { get; set; } = 30;

    /// <summary>Days between one-to-one supervision sessions ("monthly" by default).</summary>
    public int SupervisionIntervalDays { get; set; } = 30;

    /// <summary>How often the background check for missed supervision runs.</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromHours(6);
}
