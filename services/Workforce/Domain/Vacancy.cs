using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

public enum VacancyStatus
{
    Open,
    Filled,
    Withdrawn,
}

/// <summary>A vacancy on a post, from opening to filling or withdrawal.</summary>
public sealed class Vacancy
{
    private Vacancy() { }

    internal Vacancy(Guid id, Guid postId, DateOnly openedOn)
    {
        Id = id;
        PostId = postId;
        OpenedOn = openedOn;
        Status = VacancyStatus.Open;
    }

    public Guid Id { get; private set; }

    public Guid PostId { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    public DateOnly? FilledOn { get; private set; }

    public VacancyStatus Status { get; private set; }

    /// <summary>Calendar days from opening to filling, once filled.</summary>
    public int? DaysToFill => FilledOn is { } filled ? filled.DayNumber - OpenedOn.DayNumber : null;

    public void Fill(Post post, DateOnly filledOn)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (Status != VacancyStatus.Open) throw DomainRuleException.Conflict($"The vacancy is {Status.ToString().ToLowerInvariant()}, not open.");
        if (filledOn < OpenedOn) throw DomainRuleException.ForField("filledOn", $"Cannot be before the vacancy opened ({OpenedOn:yyyy-MM-dd}).");
        Status = VacancyStatus.Filled;
        FilledOn = filledOn;
        post.MarkFilled();
    }
}
