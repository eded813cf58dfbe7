using Platform.ServiceDefaults.Domain;

namespace Platform.Inspections.Domain;

/// <summary>
/// A statutory direction of the Secretary of State (s.497A(4B) Education Act 1996 as applied by s.50 Children Act
/// 2004): issuer, issue date, requirements with deadlines; in force until revised by a later direction or revoked.
/// </summary>
public sealed class StatutoryDirection : Entity
{
    private StatutoryDirection() { }

    /// <summary>A direction as issued, with its requirements and their deadlines.</summary>
    public StatutoryDirection(Guid id, DateOnly issuedOn, string issuer, string title, string? legalBasis,
        IEnumerable<(string Description, DateOnly? DueOn)> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        Id = id;
        IssuedOn = issuedOn;
        Issuer = issuer;
        Title = title;
        LegalBasis = legalBasis;
        Status = DirectionStatuses.InForce;
        foreach (var (description, dueOn) in requirements) AddRequirement(description, dueOn);
        Raise(new DirectionIssuedDomainEvent(Id, IssuedOn, Issuer, Title, Requirements.Where(r => r.DueOn is not null).Min(r => r.DueOn)));
    }

    public Guid Id { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public string Issuer { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string? LegalBasis { get; private set; }

    public string Status { get; private set; } = "";

    /// <summary>When the direction stopped being in force (revised by a later one, or revoked).</summary>
    public DateOnly? EndedOn { get; private set; }

    public Guid? SupersededById { get; private set; }

    public List<DirectionRequirement> Requirements { get; private set; } = [];

    public bool IsInForceOn(DateOnly date) => IssuedOn <= date && (EndedOn is null || EndedOn > date);

    private void AddRequirement(string description, DateOnly? dueOn)
    {
        if (dueOn is { } due && due < IssuedOn) throw DomainRuleException.ForField("requirements", $"A deadline cannot be before the direction was issued ({IssuedOn:yyyy-MM-dd}).");
        Requirements.Add(new DirectionRequirement(Guid.CreateVersion7(), Id, description, dueOn));
    }

    /// <summary>A later direction replaces this one from its issue date.</summary>
    public void SupersedeBy(StatutoryDirection later)
    {
        ArgumentNullException.ThrowIfNull(later);
        if (Status != DirectionStatuses.InForce) throw DomainRuleException.Conflict($"The superseded direction is already {Status}.", "supersedesDirectionId");
        if (later.IssuedOn < IssuedOn) throw DomainRuleException.ForField("issuedOn", $"A revising direction cannot be issued before the one it revises ({IssuedOn:yyyy-MM-dd}).");
        Status = DirectionStatuses.Revised;
        EndedOn = later.IssuedOn;
        SupersededById = later.Id;
    }

    public void Revoke(DateOnly revokedOn)
    {
        if (Status != DirectionStatuses.InForce) throw DomainRuleException.Conflict($"The direction is {Status}, not in force.");
        if (revokedOn < IssuedOn) throw DomainRuleException.ForField("revokedOn", $"Cannot be before the direction was issued ({IssuedOn:yyyy-MM-dd}).");
        Status = DirectionStatuses.Revoked;
        EndedOn = revokedOn;
    }
}

/// <summary>What a direction requires, with its deadline if it has one.</summary>
public sealed class DirectionRequirement
{
    private DirectionRequirement() { }

    internal DirectionRequirement(Guid id, Guid directionId, string description, DateOnly? dueOn)
    {
        Id = id;
        DirectionId = directionId;
        Description = description;
        DueOn = dueOn;
    }

    public Guid Id { get; private set; }

    public Guid DirectionId { get; private set; }

    public string Description { get; private set; } = "";

    public DateOnly? DueOn { get; private set; }
}

/// <summary>A children's services commissioner (or improvement adviser) appointed, usually under a direction.</summary>
public sealed class CommissionerAppointment
{
    private CommissionerAppointment() { }

    public CommissionerAppointment(Guid id, string name, string role, DateOnly appointedOn, StatutoryDirection? direction)
    {
        if (!OversightRoles.All.Contains(role)) throw DomainRuleException.ForField("role", $"Unknown role '{role}'.");
        if (direction is not null && appointedOn < direction.IssuedOn)
        {
            throw DomainRuleException.ForField("appointedOn", $"Cannot be before the direction was issued ({direction.IssuedOn:yyyy-MM-dd}).");
        }
        Id = id;
        Name = name;
        Role = role;
        AppointedOn = appointedOn;
        DirectionId = direction?.Id;
    }

    public Guid Id { get; private set; }

    /// <summary>The appointee's public name (a public office holder, never a child or a family member).</summary>
    public string Name { get; private set; } = "";

    public string Role { get; private set; } = "";

    public DateOnly AppointedOn { get; private set; }

    public Guid? DirectionId { get; private set; }

    public List<CommissionerReview> Reviews { get; private set; } = [];

    public CommissionerReview AddReview(DateOnly startedOn, DateOnly reportDueOn, DateOnly? publishedOn, string? recommendation, IReadOnlyList<string> findings)
    {
        if (startedOn < AppointedOn) throw DomainRuleException.ForField("startedOn", $"Cannot be before the appointment ({AppointedOn:yyyy-MM-dd}).");
        if (reportDueOn < startedOn) throw DomainRuleException.ForField("reportDueOn", "Cannot be before the review started.");
        if (publishedOn is { } published && published < startedOn) throw DomainRuleException.ForField("publishedOn", "Cannot be before the review started.");
        if (recommendation is not null && !Recommendations.All.Contains(recommendation))
        {
            throw DomainRuleException.ForField("recommendation", $"Unknown recommendation '{recommendation}'.");
        }
        var review = new CommissionerReview(Guid.CreateVersion7(), Id, startedOn, reportDueOn, publishedOn, recommendation, [.. findings]);
        Reviews.Add(review);
        return review;
    }
}

/// <summary>A commissioner's review: when it started, when the report is due and was published, what it found and recommends.</summary>
public sealed class CommissionerReview
{
    private CommissionerReview() { }

    internal CommissionerReview(Guid id, Guid appointmentId, DateOnly startedOn, DateOnly reportDueOn, DateOnly? publishedOn, string? recommendation, List<string> findings)
    {
        Id = id;
        AppointmentId = appointmentId;
        StartedOn = startedOn;
        ReportDueOn = reportDueOn;
        PublishedOn = publishedOn;
        Recommendation = recommendation;
        Findings = findings;
    }

    public Guid Id { get; private set; }

    public Guid AppointmentId { get; private set; }

    public DateOnly StartedOn { get; private set; }

    public DateOnly ReportDueOn { get; private set; }

    public DateOnly? PublishedOn { get; private set; }

    public string? Recommendation { get; private set; }

    public List<string> Findings { get; private set; } = [];
}

/// <summary>A DeadlineApproaching already raised, so it is raised once per deadline.</summary>
public sealed class DeadlineNotice : Entity
{
    private DeadlineNotice() { }

    /// <summary>Notices, on <paramref name="raisedOn"/>, that the deadline (<paramref name="description"/>) is approaching.</summary>
    public DeadlineNotice(Guid sourceId, string kind, string description, DateOnly dueOn, DateOnly raisedOn)
    {
        SourceId = sourceId;
        Kind = kind;
        DueOn = dueOn;
        RaisedOn = raisedOn;
        Raise(new DeadlineApproachingDomainEvent(sourceId, kind, description, dueOn, dueOn.DayNumber - raisedOn.DayNumber));
    }

    public Guid SourceId { get; private set; }

    public string Kind { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public DateOnly RaisedOn { get; private set; }
}

/// <summary>One entry of the deadlines calendar.</summary>
public sealed record Deadline(Guid SourceId, string Kind, string Description, DateOnly DueOn, int DaysRemaining);

/// <summary>
/// Changes whenever anything the improvement board shows changes, in the same transaction; it keys the board cache.
/// The version is spread over <see cref="Slots"/> rows: a change renews one slot's token, and the board's version
/// is all the slots' tokens together (<see cref="Combine"/>), so concurrent changes seldom wait for the same row lock.
/// </summary>
public sealed class BoardVersion
{
    /// <summary>The slot a save outside an explicit transaction (an API request) renews.</summary>
    public const int DefaultSlot = 1;

    public const int Slots = 16;

    public int Id { get; set; } = DefaultSlot;

    public Guid Token { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>One token for the whole board: the XOR of every slot's token, so a new token in any slot changes it.</summary>
    public static Guid Combine(IEnumerable<Guid> slotTokens)
    {
        ArgumentNullException.ThrowIfNull(slotTokens);
        Span<byte> combined = stackalloc byte[16];
        Span<byte> slot = stackalloc byte[16];
        foreach (var token in slotTokens)
        {
            token.TryWriteBytes(slot);
            for (var i = 0; i < 16; i++) combined[i] ^= slot[i];
        }
        return new Guid(combined);
    }
}
