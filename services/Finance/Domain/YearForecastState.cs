using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

/// <summary>
/// Where a year's forecast overspend stood against the threshold when last computed, so that crossing it raises
/// one event per crossing (up, then down, then up again), not one per recalculation.
/// </summary>
public sealed class YearForecastState : Entity
{
    private YearForecastState() { }

    public YearForecastState(int financialYear) => FinancialYear = financialYear;

    public int FinancialYear { get; private set; }

    public bool AboveThreshold { get; private set; }

    public decimal ForecastOverspend { get; private set; }

    public DateTimeOffset CalculatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): concurrent recalculations of one year are serialised by retry.</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// Records a recalculation: each changed line's forecast (with the business date its change is as at) is published,
    /// and so is a crossing of the overspend <paramref name="threshold"/>, once per crossing.
    /// </summary>
    public void Recalculated(YearForecast forecast, IEnumerable<KeyValuePair<string, DateOnly>> changedLines, decimal threshold, DateOnly asAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(changedLines);
        foreach (var (code, lineAsAt) in changedLines.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Raise(new ForecastUpdatedDomainEvent(FinancialYear, forecast.Line(code), forecast.TotalBudget, forecast.TotalForecast, lineAsAt));
        }
        var overspend = forecast.TotalVariance;
        ForecastOverspend = overspend;
        CalculatedAt = now;
        var above = overspend > threshold;
        if (above == AboveThreshold) return;
        AboveThreshold = above;
        Raise(new OverspendThresholdCrossedDomainEvent(FinancialYear, overspend, threshold, above, asAt));
    }
}
