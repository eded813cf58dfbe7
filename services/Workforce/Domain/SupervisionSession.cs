using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

/// <summary>A recorded one-to-one supervision session between a worker and their manager.</summary>
public sealed class SupervisionSession
{
    private SupervisionSession() { }

    internal SupervisionSession(Guid workerId, DateOnly heldOn)
    {
        Id = Guid.CreateVersion7();
        WorkerId = workerId;
        HeldOn = heldOn;
    }

    public Guid Id { get; private set; }

    public Guid WorkerId { get; private set; }

    public DateOnly HeldOn { get; private set; }
}

/// <summary>Marks that a missed due date was reported, so SupervisionOverdue is raised once per due date.</summary>
public sealed class SupervisionOverdueNotice : Entity
{
    private SupervisionOverdueNotice() { }

    /// <summary>Notices that the worker (of team <paramref name="teamCode"/>) missed the supervision due on <paramref name="dueOn"/>.</summary>
    public SupervisionOverdueNotice(Guid workerId, string teamCode, DateOnly dueOn, DateOnly detectedOn)
    {
        WorkerId = workerId;
        DueOn = dueOn;
        DetectedOn = detectedOn;
        Raise(new SupervisionOverdueDomainEvent(workerId, teamCode, dueOn, detectedOn));
    }

    public Guid WorkerId { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateOnly DetectedOn { get; private set; }
}
