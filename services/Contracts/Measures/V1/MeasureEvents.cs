namespace Platform.Contracts.Measures.V1;

/// <summary>
/// An owning service's measures changed over a range of business dates. Each measure is a step function of the date:
/// its value on a date is the value of the latest point on or before it, exactly what the owner's API answers for
/// that date. The series replace every earlier published point of <see cref="Owner"/>'s measures in
/// [<see cref="From"/>, <see cref="Until"/>); a scope the owner measured before <see cref="From"/> and does not list
/// has no value from <see cref="From"/>. Definitions: <c>docs/measures.md</c>.
/// </summary>
/// <param name="Owner">The service whose data the measures are: <c>workforce</c>, <c>placements</c> or <c>finance</c>.</param>
/// <param name="Version">Increases with every publication of the owner; a later version wins where two overlap.</param>
/// <param name="From">First business date covered.</param>
/// <param name="Until">First business date not covered; null when the series run on indefinitely.</param>
/// <param name="Series">One series per measure and scope, points in date order.</param>
public sealed record MeasureSeriesPublished(
    string Owner,
    long Version,
    DateOnly From,
    DateOnly? Until,
    IReadOnlyList<MeasureSeries> Series) : IntegrationEvent;

/// <summary>One measure for one scope (a team code, or empty for the whole authority).</summary>
public sealed record MeasureSeries(string Measure, string Scope, IReadOnlyList<MeasurePoint> Points);

/// <summary>The measure's value from <see cref="AsAt"/> on: <see cref="Value"/> is null when the denominator is empty.</summary>
public sealed record MeasurePoint(DateOnly AsAt, decimal? Value, decimal Numerator, decimal Denominator);
