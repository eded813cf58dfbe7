using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

/// <summary>
/// A case (a child, identified only by the case management system's reference) allocated to a worker for a period.
/// The worker holds it from <see cref="AllocatedOn"/> up to, not including, <see cref="ReleasedOn"/>.
/// </summary>
public sealed class CaseAllocation
{
    private CaseAllocation() { }

    internal CaseAllocation(Guid workerId, string caseReference, DateOnly allocatedOn)
    {
        Id = Guid.CreateVersion7();
        WorkerId = workerId;
        CaseReference = caseReference;
        AllocatedOn = allocatedOn;
    }

    public Guid Id { get; private set; }

    public Guid WorkerId { get; private set; }

    public string CaseReference { get; private set; } = "";

    public DateOnly AllocatedOn { get; private set; }

    public DateOnly? ReleasedOn { get; private set; }

    public bool IsHeldOn(DateOnly date) => AllocatedOn <= date && (ReleasedOn is null || ReleasedOn > date);

    internal void Release(DateOnly releasedOn)
    {
        if (ReleasedOn is not null) throw DomainRuleException.Conflict("The case is already released.");
        if (releasedOn < AllocatedOn) throw DomainRuleException.ForField("releasedOn", $"Cannot be before the case was allocated ({AllocatedOn:yyyy-MM-dd}).");
        ReleasedOn = releasedOn;
    }

    /// <summary>
    /// References come from the case management system. Names are refused: a reference must contain a digit
    /// and only letters, digits, '-' or '/'.
    /// </summary>
    public static bool IsValidReference(string? reference) =>
        reference is { Length: >= 1 and <= 30 }
        && reference.Any(char.IsAsciiDigit)
        && reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/');
}
