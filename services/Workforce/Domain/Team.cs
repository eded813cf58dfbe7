using Platform.ServiceDefaults.Domain;

namespace Platform.Workforce.Domain;

/// <summary>A team in the establishment, e.g. "Children in Care 1" in the Children's Social Care directorate.</summary>
public sealed class Team
{
    private Team() { }

    public Team(string code, string name, string directorate)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw DomainRuleException.ForField("code", "A team code is 1–40 letters, digits or hyphens.");
        }
        Code = code.ToUpperInvariant();
        Name = name;
        Directorate = directorate;
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Directorate { get; private set; } = "";
}
