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

    /// <summary>
    /// The rule as a test of one row of <see cref="Table"/> at a time, when it is one (the same test as <see cref="Check"/>):
    /// the validator then runs it without building a sequence per child.
    /// </summary>
    public Func<RuleContext, Ssda903Row, bool>? RowCheck { get; init; }

    public bool AppliesTo(int collectionYear) => collectionYear >= FromYear && collectionYear <= UntilYear;
}

/// <summary>What a rule sees: the collection, the council and one child's rows of every table (episodes with their postcodes looked up).</summary>
public sealed class RuleContext(Ssda903Specification specification, int collectionYear, string localAuthority, bool postcodesLoaded)
{
    public Ssda903Specification Spec { get; } = specification;

    public int CollectionYear { get; } = collectionYear;

    /// <summary>1 April of the collection year.</summary>
    public DateOnly CollectionStart { get; } = new(collectionYear, 4, 1);

    /// <summary>31 March after it.</summary>
    public DateOnly CollectionEnd { get; } = new(collectionYear + 1, 3, 31);

    /// <summary>The council's ONS local authority code (e.g. E06000021), for rules about placements outside it.</summary>
    public string LocalAuthority { get; } = localAuthority;

    /// <summary>Whether the council has loaded its postcode reference (rules that need it are otherwise not checked).</summary>
    public bool PostcodesLoaded { get; } = postcodesLoaded;

    public ChildReturn Child { get; internal set; } = new(null);
}

/// <summary>
/// A postcode of the council's reference: British National Grid easting and northing (metres), the ONS local authority
/// district (laua) and the upper-tier authority the 903 reports (the county for a two-tier district, else the district).
/// </summary>
public sealed record PostcodeLocation(int Easting, int Northing, string District, string UpperTier);

/// <summary>Runs a collection year's rules on one child at a time, so a return of any size is checked in flat memory.</summary>
public sealed class Ssda903Validator
{
    private readonly RuleContext _context;
    private readonly Ssda903Rule[] _rules;

    public Ssda903Validator(int collectionYear, string localAuthority, bool postcodesLoaded)
    {
        _context = new RuleContext(Ssda903Specification.For(collectionYear), collectionYear, localAuthority, postcodesLoaded);
        var applicable = Ssda903RuleSet.All.Where(r => r.AppliesTo(collectionYear)).ToList();
        _rules = applicable.Where(r => postcodesLoaded || !r.NeedsPostcodes).ToArray();
        NotChecked = applicable.Where(r => !postcodesLoaded && r.NeedsPostcodes).Select(r => r.Code).Distinct().ToArray();
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
            if (rule.RowCheck is { } when)
            {
                foreach (var row in child.Rows(rule.Table))
                {
                    if (when(_context, row)) findings.Add(new Ssda903Finding(rule.Code, row.Table.Name, row.Line, row.Child, rule.Fields, rule.Message));
                }
                continue;
            }
            foreach (var row in rule.Check(_context).Distinct())
            {
                findings.Add(new Ssda903Finding(rule.Code, row.Table.Name, row.Line, row.Child, rule.Fields, rule.Message));
            }
        }
        return findings;
    }
}
