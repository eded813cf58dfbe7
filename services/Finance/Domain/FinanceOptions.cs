namespace Platform.Finance.Domain;

/// <summary>Configuration section <c>Finance</c>.</summary>
public sealed class FinanceOptions
{
    public const string Section = "Finance";

    /// <summary>
    /// <c>Finance__OverspendThreshold</c>: the year's forecast overspend (total forecast − total budget), in pounds,
    /// above which OverspendThresholdCrossed is raised; default £1,000,000.
    /// </summary>
    public decimal OverspendThreshold { get; set; } = 1_000_000m;
}
