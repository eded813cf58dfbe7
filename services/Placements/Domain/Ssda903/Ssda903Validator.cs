namespace Platform.Placements.Domain.Ssda903;

/// <summary>
/// A DfE validation rule: its number, the table and fields it reports, the DfE's message and the check, which returns the
/// rows of one child's return that break it. <see cref="FromYear"/>/<see cref="UntilYear"/> bound the collections it
/// belongs to, so a new year adds rules instead of editing old ones.
/// </summary>
public sealed record Ssda903Rule(string Code, Ssda903Table Table, string[] Fields, string Message, Func<RuleContext, IEnumerable<Ssda903Row>> Check)
{
    public int FromYear { get; init; } = 2000;

    public int UntilYear { get; init; } = int.MaxValue;

    /// <summary>The rule reads the postcode reference; without one it is reported as not checked.</summary>
    public bool NeedsPostcodes { get; init; }

    public bool AppliesTo(int collectionYear) => collectionYear >= FromYear && collectionYear <= UntilYear;
}

/// <summary>What a rule sees: the collection, the postcode reference (if loaded) and one child's rows of every table.</summary>
public sealed class RuleContext(Ssda903Specification specification, int collectionYear, string localAuthority, IPostcodeReference? postcodes)
{
    public Ssda903Specification Spec { get; } = specification;

    public int CollectionYear { get; } = collectionYear;

    /// <summary>1 April of the collection year.</summary>
    public DateOnly CollectionStart { get; } = new(collectionYear, 4, 1);

    /// <summary>31 March after it.</summary>
    public DateOnly CollectionEnd { get; } = new(collectionYear + 1, 3, 31);

    /// <summary>The council's ONS local authority code (e.g. E06000021), for rules about placements outside it.</summary>
    public string LocalAuthority { get; } = localAuthority;

    public IPostcodeReference? Postcodes { get; } = postcodes;

    public ChildReturn Child { get; internal set; } = new(null);
}

/// <summary>The council's postcode reference (the ONS postcode directory's columns the 903 needs).</summary>
public interface IPostcodeReference
{
    /// <summary>The postcode's grid reference and local authority, or null when it is not in the reference.</summary>
    PostcodeLocation? Find(string postcode);
}

/// <summary>A postcode's British National Grid easting and northing (metres) and its ONS local authority code.</summary>
public sealed record PostcodeLocation(int Easting, int Northing, string LocalAuthority);

/// <summary>Runs a collection year's rules on one child at a time, so a return of any size is checked in flat memory.</summary>
public sealed class Ssda903Validator
{
    private readonly RuleContext _context;
    private readonly Ssda903Rule[] _rules;

    public Ssda903Validator(int collectionYear, string localAuthority, IPostcodeReference? postcodes)
    {
        _context = new RuleContext(Ssda903Specification.For(collectionYear), collectionYear, localAuthority, postcodes);
        var applicable = Ssda903RuleSet.All.Where(r => r.AppliesTo(collectionYear)).ToList();
        _rules = applicable.Where(r => postcodes is not null || !r.NeedsPostcodes).ToArray();
        NotChecked = applicable.Where(r => postcodes is null && r.NeedsPostcodes).Select(r => r.Code).ToArray();
    }

    /// <summary>Rules not run because they need the postcode reference and none is loaded.</summary>
    public IReadOnlyList<string> NotChecked { get; }

    public IEnumerable<Ssda903Finding> Validate(ChildReturn child)
    {
        ArgumentNullException.ThrowIfNull(child);
        _context.Child = child;
        var findings = new List<Ssda903Finding>();
        foreach (var rule in _rules)
        {
            foreach (var row in rule.Check(_context).Distinct())
            {
                findings.Add(new Ssda903Finding(rule.Code, row.Table.Name, row.Line, row.Child, rule.Fields, rule.Message));
            }
        }
        return findings;
    }
}
