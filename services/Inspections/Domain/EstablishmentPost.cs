namespace Platform.Inspections.Domain;

/// <summary>
/// Inspections' own read model of a Workforce post, built only from Workforce's events (never from Workforce's
/// database), from which the vacancy-rate indicator is computed.
/// </summary>
public sealed class EstablishmentPost
{
    private EstablishmentPost() { }

    public EstablishmentPost(Guid postId, string teamCode, string jobRole, decimal fte, DateOnly effectiveFrom)
    {
        PostId = postId;
        TeamCode = teamCode;
        JobRole = jobRole;
        Fte = fte;
        EffectiveFrom = effectiveFrom;
    }

    public Guid PostId { get; private set; }

    public string TeamCode { get; private set; } = "";

    public string JobRole { get; private set; } = "";

    public decimal Fte { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>Open vacancy since this date, or null when the post is not vacant.</summary>
    public DateOnly? VacantSince { get; private set; }

    public void MarkVacant(DateOnly openedOn) => VacantSince = openedOn;

    public void MarkFilled() => VacantSince = null;
}

/// <summary>Vacancy rate as the CSWW census counts it: vacant FTE as a share of establishment FTE.</summary>
public sealed record VacancyRate(DateOnly AsAt, decimal EstablishmentFte, decimal VacantFte, decimal RatePercent, int Posts, int VacantPosts)
{
    public static VacancyRate Compute(DateOnly asAt, IReadOnlyCollection<EstablishmentPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var inForce = posts.Where(p => p.EffectiveFrom <= asAt).ToList();
        var vacant = inForce.Where(p => p.VacantSince is { } since && since <= asAt).ToList();
        var establishment = inForce.Sum(p => p.Fte);
        var vacantFte = vacant.Sum(p => p.Fte);
        var rate = establishment == 0 ? 0 : decimal.Round(vacantFte * 100 / establishment, 1);
        return new VacancyRate(asAt, establishment, vacantFte, rate, inForce.Count, vacant.Count);
    }
}
