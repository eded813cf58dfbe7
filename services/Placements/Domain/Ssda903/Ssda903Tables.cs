namespace Platform.Placements.Domain.Ssda903;

/// <summary>The tables of a 903 return, as the DfE's collection specifies them and case systems export them (one CSV each).</summary>
public enum Ssda903Table
{
    Header,
    Episodes,
    Uasc,
    Reviews,
    Missing,
    OC2,
    OC3,
    AD1,
    PlacedAdoption,
    PrevPerm,
    SWEpisodes,
}

/// <summary>One table: the name the DfE's tools use, the file name an export writes and its columns in the DfE's order.</summary>
public sealed class TableDefinition
{
    private readonly Dictionary<string, int> _index;

    public TableDefinition(Ssda903Table table, string name, string fileName, params string[] columns)
    {
        Table = table;
        Name = name;
        FileName = fileName;
        Columns = columns;
        _index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
    }

    public Ssda903Table Table { get; }

    public string Name { get; }

    public string FileName { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The position of a column in <see cref="Columns"/> (and so in a row's values).</summary>
    public int IndexOf(string column) =>
        _index.TryGetValue(column, out var index) ? index : throw new ArgumentException($"{Name} has no column {column}.", nameof(column));

    public bool Has(string column) => _index.ContainsKey(column);
}

/// <summary>
/// The 903 tables and how an uploaded file is recognised: by its column headers, never its file name (councils' case
/// systems name files as they please). A file is the table whose columns it has, all of them; if several fit, the one
/// with most columns (the header's CHILD, SEX, DOB are also UASC's, but UASC adds DUC).
/// </summary>
public static class Ssda903Tables
{
    public static readonly TableDefinition Header = new(Ssda903Table.Header, "Header", "header.csv",
        "CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB");

    public static readonly TableDefinition Episodes = new(Ssda903Table.Episodes, "Episodes", "episodes.csv",
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN");

    public static readonly TableDefinition Uasc = new(Ssda903Table.Uasc, "UASC", "uasc.csv", "CHILD", "SEX", "DOB", "DUC");

    public static readonly TableDefinition Reviews = new(Ssda903Table.Reviews, "Reviews", "reviews.csv", "CHILD", "DOB", "REVIEW", "REVIEW_CODE");

    public static readonly TableDefinition Missing = new(Ssda903Table.Missing, "Missing", "missing.csv", "CHILD", "DOB", "MISSING", "MIS_START", "MIS_END");

    public static readonly TableDefinition OC2 = new(Ssda903Table.OC2, "OC2", "oc2.csv",
        "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED");

    public static readonly TableDefinition OC3 = new(Ssda903Table.OC3, "OC3", "oc3.csv", "CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM");

    public static readonly TableDefinition AD1 = new(Ssda903Table.AD1, "AD1", "ad1.csv",
        "CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR");

    public static readonly TableDefinition PlacedAdoption = new(Ssda903Table.PlacedAdoption, "PlacedAdoption", "placed_for_adoption.csv",
        "CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED");

    public static readonly TableDefinition PrevPerm = new(Ssda903Table.PrevPerm, "PrevPerm", "previous_permanence.csv",
        "CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM");

    public static readonly TableDefinition SWEpisodes = new(Ssda903Table.SWEpisodes, "SWEpisodes", "social_worker_episodes.csv",
        "CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON");

    public static readonly IReadOnlyList<TableDefinition> All = [Header, Episodes, Uasc, Reviews, Missing, OC2, OC3, AD1, PlacedAdoption, PrevPerm, SWEpisodes];

    public static TableDefinition Get(Ssda903Table table) => All[(int)table];

    /// <summary>The table a file with these column headers is, or null (then <paramref name="closest"/> says which it nearly is).</summary>
    public static TableDefinition? Recognise(IReadOnlyCollection<string> columns, out TableDefinition? closest)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = columns.Select(c => c.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var fits = All.Where(t => t.Columns.All(names.Contains)).OrderByDescending(t => t.Columns.Count).FirstOrDefault();
        closest = fits ?? All.OrderByDescending(t => t.Columns.Count(names.Contains)).ThenBy(t => t.Columns.Count).First();
        return fits;
    }
}
