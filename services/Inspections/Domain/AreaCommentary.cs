using Platform.ServiceDefaults.Domain;

namespace Platform.Inspections.Domain;

/// <summary>
/// The improvement lead's one-line commentary on an area for improvement, as of a date: what the board reads beside the
/// area's rating. Never edited: a new line replaces the old from its date on, and every line keeps who wrote it and when.
/// </summary>
public sealed class AreaCommentary
{
    public const int MaxLength = 280;

    private AreaCommentary() { }

    public AreaCommentary(Guid id, AreaForImprovement area, string text, DateOnly on, string enteredBy, DateTimeOffset enteredAt)
    {
        ArgumentNullException.ThrowIfNull(area);
        var line = text?.Trim() ?? "";
        if (line.Length == 0) throw DomainRuleException.ForField("text", "Enter the commentary.");
        if (line.Length > MaxLength) throw DomainRuleException.ForField("text", $"Must be at most {MaxLength} characters: one line for the board.");
        if (line.Any(char.IsControl)) throw DomainRuleException.ForField("text", "Must be one line, without line breaks.");
        if (string.IsNullOrWhiteSpace(enteredBy)) throw new ArgumentException("Who wrote the commentary is required.", nameof(enteredBy));
        Id = id;
        AreaId = area.Id;
        AreaCode = area.Code;
        Text = line;
        On = on;
        EnteredBy = enteredBy;
        EnteredAt = enteredAt;
    }

    public Guid Id { get; private set; }

    public Guid AreaId { get; private set; }

    public string AreaCode { get; private set; } = "";

    public string Text { get; private set; } = "";

    /// <summary>The date the commentary speaks for: boards from this date on show it (until a later line).</summary>
    public DateOnly On { get; private set; }

    /// <summary>The token subject of the improvement lead who entered it.</summary>
    public string EnteredBy { get; private set; } = "";

    public DateTimeOffset EnteredAt { get; private set; }
}
