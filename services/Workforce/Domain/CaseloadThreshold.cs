using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

/// <summary>The caseload limits for one job role; a worker is over a limit when they hold more cases than it.</summary>
public sealed class CaseloadThreshold
{
    private CaseloadThreshold() { }

    public CaseloadThreshold(string jobRole, int warning, int critical)
    {
        if (!JobRoles.All.Contains(jobRole)) throw DomainRuleException.ForField("jobRole", $"Unknown job role '{jobRole}'.");
        JobRole = jobRole;
        Change(warning, critical);
    }

    public string JobRole { get; private set; } = "";

    public int Warning { get; private set; }

    public int Critical { get; private set; }

    public void Change(int warning, int critical)
    {
        if (warning < 1) throw DomainRuleException.ForField("warning", "Must be 1 or more.");
        if (critical <= warning) throw DomainRuleException.ForField("critical", "Must be more than the warning threshold.");
        Warning = warning;
        Critical = critical;
    }
}
