namespace Platform.Inspections.Domain;

/// <summary>
/// An owner's value of a measure for one scope (a team code, or "" for the whole authority) from <see cref="AsAt"/> until
/// the next point: Inspections' copy of what the owner published (MeasureSeriesPublished), kept for ratings and trends.
/// </summary>
public sealed class MeasurePoint
{
    private MeasurePoint() { }

    public MeasurePoint(string measure, string scope, DateOnly asAt, decimal? value, decimal numerator, decimal denominator, long version)
    {
        Measure = measure;
        Scope = scope;
        AsAt = asAt;
        Value = value;
        Numerator = numerator;
        Denominator = denominator;
        Version = version;
    }

    public string Measure { get; private set; } = "";

    public string Scope { get; private set; } = "";

    public DateOnly AsAt { get; private set; }

    /// <summary>Null when the owner had nothing to measure (an empty denominator, no budget).</summary>
    public decimal? Value { get; private set; }

    public decimal Numerator { get; private set; }

    public decimal Denominator { get; private set; }

    /// <summary>The owner's publication the point came from.</summary>
    public long Version { get; private set; }
}

/// <summary>
/// A publication applied, by owner and version: a publication that arrives after a later one covers only the dates the
/// later one did not (from its own start up to the later one's start).
/// </summary>
public sealed class MeasurePublication
{
    private MeasurePublication() { }

    public MeasurePublication(string owner, long version, DateOnly from, DateOnly? until, DateTimeOffset appliedAt)
    {
        Owner = owner;
        Version = version;
        From = from;
        Until = until;
        AppliedAt = appliedAt;
    }

    public string Owner { get; private set; } = "";

    public long Version { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly? Until { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }
}
