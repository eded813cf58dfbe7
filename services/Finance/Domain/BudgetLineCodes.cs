using Platform.ServiceDefaults.Domain;

namespace Platform.Finance.Domain;

/// <summary>
/// The lines Finance holds budget against: the Section 251 children's social care lines, plus one line for the
/// rest of the council, so that money redirected into children's services (a virement such as Stoke's £5.5m
/// "Investing in Children") has a line to come from.
/// </summary>
public static class BudgetLineCodes
{
    public const string OtherCouncilServices = "other-council-services";

    public static readonly IReadOnlyDictionary<string, string> All =
        S251Lines.All.Append(new(OtherCouncilServices, "Other council services (outside children's social care)"))
            .ToDictionary(line => line.Key, line => line.Value);

    public static readonly string[] Codes = All.Keys.Order(StringComparer.Ordinal).ToArray();

    public static string NameOf(string code) => All.TryGetValue(code, out var name) ? name : code;
}
