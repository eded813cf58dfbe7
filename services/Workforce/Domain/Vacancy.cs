using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

public enum VacancyStatus
{
    Open,
    Advertised,
    Filled,
    Withdrawn,
}

/// <summary>A vacancy on a post, from opening (and advertising) to filling or withdrawal.</summary>
public sealed class Vacancy : Entity
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

    public DateOnly? AdvertisedOn { get; private set; }

    public DateOnly? FilledOn { get; private set; }

    public DateOnly? WithdrawnOn { get; private set; }

    /// <summary>The employed worker who filled it, when known.</summary>
    public Guid? FilledBy { get; private set; }

    public VacancyStatus Status { get; private set; }

    public bool IsOpen => Status is VacancyStatus.Open or VacancyStatus.Advertised;

    /// <summary>Calendar days from opening to filling, once filled.</summary>
    public int? DaysToFill => FilledOn is { } filled ? filled.DayNumber - OpenedOn.DayNumber : null;

    public void Advertise(DateOnly advertisedOn)
    {
        if (Status != VacancyStatus.Open) throw DomainRuleException.Conflict($"Only an open vacancy can be advertised; this one is {Status.ToString().ToLowerInvariant()}.");
        if (advertisedOn < OpenedOn) throw DomainRuleException.ForField("advertisedOn", $"Cannot be before the vacancy opened ({OpenedOn:yyyy-MM-dd}).");
        Status = VacancyStatus.Advertised;
        AdvertisedOn = advertisedOn;
    }

    /// <summary>Fills the vacancy; with a worker id the worker becomes the post's occupant.</summary>
    public void Fill(Post post, DateOnly filledOn, Guid? workerId = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (!IsOpen) throw DomainRuleException.Conflict($"The vacancy is {Status.ToString().ToLowerInvariant()}, not open.");
        if (filledOn < OpenedOn) throw DomainRuleException.ForField("filledOn", $"Cannot be before the vacancy opened ({OpenedOn:yyyy-MM-dd}).");
        Status = VacancyStatus.Filled;
        FilledOn = filledOn;
        FilledBy = workerId;
        Raise(new VacancyFilledDomainEvent(Id, post.Id, post.TeamCode, post.JobRole, filledOn, DaysToFill!.Value));
        if (workerId is { } worker) post.Occupy(worker, filledOn);
        else post.MarkFilled(filledOn);
    }

    /// <summary>Withdraws the vacancy unfilled; the post goes back to funded (it can then be frozen or deleted).</summary>
    public void Withdraw(Post post, DateOnly withdrawnOn)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (!IsOpen) throw DomainRuleException.Conflict($"The vacancy is {Status.ToString().ToLowerInvariant()}, not open.");
        if (withdrawnOn < OpenedOn) throw DomainRuleException.ForField("withdrawnOn", $"Cannot be before the vacancy opened ({OpenedOn:yyyy-MM-dd}).");
        Status = VacancyStatus.Withdrawn;
        WithdrawnOn = withdrawnOn;
        Raise(new VacancyWithdrawnDomainEvent(Id, post.Id, post.TeamCode, post.JobRole, withdrawnOn));
        post.MarkVacancyWithdrawn(withdrawnOn);
    }
}
