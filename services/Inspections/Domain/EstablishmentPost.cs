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

    /// <summary>The post leaves the establishment from this date (PostDeleted).</summary>
    public DateOnly? DeletedOn { get; private set; }

    /// <summary>Every vacancy the post has had, so the rate can be answered as at any past date.</summary>
    public List<VacancyPeriod> Vacancies { get; private set; } = [];

    public void OpenVacancy(Guid vacancyId, DateOnly openedOn)
    {
        if (Vacancies.All(v => v.VacancyId != vacancyId)) Vacancies.Add(new VacancyPeriod(vacancyId, PostId, openedOn));
    }

    public void FillVacancy(Guid vacancyId, DateOnly filledOn)
    {
        var vacancy = Vacancies.FirstOrDefault(v => v.VacancyId == vacancyId)
            ?? throw new InvalidOperationException($"Vacancy {vacancyId} is not known yet; the message will be retried.");
        vacancy.Fill(filledOn);
    }

    public void WithdrawVacancy(Guid vacancyId, DateOnly withdrawnOn)
    {
        var vacancy = Vacancies.FirstOrDefault(v => v.VacancyId == vacancyId)
            ?? throw new InvalidOperationException($"Vacancy {vacancyId} is not known yet; the message will be retried.");
        vacancy.Withdraw(withdrawnOn);
    }

    public void Delete(DateOnly effectiveOn) => DeletedOn = effectiveOn;

    public bool IsInForceOn(DateOnly date) => EffectiveFrom <= date && (DeletedOn is null || DeletedOn > date);

    public bool IsVacantOn(DateOnly date) => Vacancies.Any(v => v.OpenedOn <= date && (v.EndedOn is null || v.EndedOn > date));
}

/// <summary>A vacancy on a post from the day it opened to the day it was filled.</summary>
public sealed class VacancyPeriod
{
    private VacancyPeriod() { }

    public VacancyPeriod(Guid vacancyId, Guid postId, DateOnly openedOn)
    {
        VacancyId = vacancyId;
        PostId = postId;
        OpenedOn = openedOn;
    }

    public Guid VacancyId { get; private set; }

    public Guid PostId { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    public DateOnly? FilledOn { get; private set; }

    /// <summary>Withdrawn without being filled (VacancyWithdrawn).</summary>
    public DateOnly? WithdrawnOn { get; private set; }

    /// <summary>The day the post stopped being vacant, by filling or withdrawal.</summary>
    public DateOnly? EndedOn => FilledOn ?? WithdrawnOn;

    public void Fill(DateOnly filledOn) => FilledOn = filledOn;

    public void Withdraw(DateOnly withdrawnOn) => WithdrawnOn = withdrawnOn;
}

/// <summary>Vacancy rate as the CSWW census counts it: vacant FTE as a share of establishment FTE.</summary>
public sealed record VacancyRate(DateOnly AsAt, decimal EstablishmentFte, decimal VacantFte, decimal RatePercent, int Posts, int VacantPosts)
{
    public static VacancyRate Compute(DateOnly asAt, IReadOnlyCollection<EstablishmentPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var inForce = posts.Where(p => p.IsInForceOn(asAt)).ToList();
        var vacant = inForce.Where(p => p.IsVacantOn(asAt)).ToList();
        var establishment = inForce.Sum(p => p.Fte);
        var vacantFte = vacant.Sum(p => p.Fte);
        var rate = establishment == 0 ? 0 : decimal.Round(vacantFte * 100 / establishment, 1);
        return new VacancyRate(asAt, establishment, vacantFte, rate, inForce.Count, vacant.Count);
    }
}
