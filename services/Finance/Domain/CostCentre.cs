using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

/// <summary>A unit budget is held against, e.g. "CSC-FOST" (Fostering) in Children's Social Care.</summary>
public sealed class CostCentre
{
    private CostCentre() { }

    public CostCentre(string code, string name, string service)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw DomainRuleException.ForField("code", "A cost centre code is 1–40 letters, digits or hyphens.");
        }
        Code = code.ToUpperInvariant();
        Name = name.Trim();
        Service = service.Trim();
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The council service that owns it, e.g. "Children's Social Care" or "Street Care".</summary>
    public string Service { get; private set; } = "";
}
