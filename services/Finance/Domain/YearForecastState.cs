using Platform.Contracts.Finance.V1;

namespace Platform.Finance.Domain;

/// <summary>
/// Where a year's forecast overspend stood against the threshold when last computed, so that crossing it raises
/// one event per crossing (up, then down, then up again), not one per recalculation.
/// </summary>
public sealed class YearForecastState
{
    private YearForecastState() { }

    public YearForecastState(int financialYear) => FinancialYear = financialYear;

    public int FinancialYear { get; private set; }

    public bool AboveThreshold { get; private set; }

    public decimal ForecastOverspend { get; private set; }

    public DateTimeOffset CalculatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): concurrent recalculations of one year are serialised by retry.</summary>
    public uint Version { get; private set; }

    /// <summary>Records the new overspend; returns the event when it crossed the threshold.</summary>
    public OverspendThresholdCrossed? Observe(decimal overspend, decimal threshold, DateOnly asAt, DateTimeOffset now)
    {
        ForecastOverspend = overspend;
        CalculatedAt = now;
        var above = overspend > threshold;
        if (above == AboveThreshold) return null;
        AboveThreshold = above;
        return new OverspendThresholdCrossed(FinancialYear, overspend, threshold, above ? "above" : "below", asAt);
    }
}
