using System.Globalization;

namespace Platform.Placements.Domain.Ssda903;

/// <summary>
/// One data row of an uploaded 903 table: its line in the file (the column header is line 1) and its values in the
/// table's column order. An empty cell is null and every value is upper-cased, as the DfE's tools read them (case systems
/// export codes in either case).
/// </summary>
public sealed class Ssda903Row
{
    public const string DateFormat = "dd/MM/yyyy";

    private static readonly string[] DateFormats = ["d/M/yyyy"];

    public Ssda903Row(TableDefinition table, int line, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(values);
        Table = table;
        Line = line;
        Values = values;
    }

    private DateOnly?[]? _dates;
    private ulong _datesRead;

    public TableDefinition Table { get; }

    public int Line { get; }

    public IReadOnlyList<string?> Values { get; }

    /// <summary>HOME_POST found in the council's postcode reference (Episodes only; null when not found or none loaded).</summary>
    public PostcodeLocation? Home { get; init; }

    /// <summary>PL_POST found in the postcode reference.</summary>
    public PostcodeLocation? Placement { get; init; }

    public string? Child => this["CHILD"];

    public string? this[string column] => Values[Table.IndexOf(column)];

    /// <summary>A DD/MM/YYYY date, or null when blank or not a date.</summary>
    public DateOnly? Date(string column)
    {
        // Read once per row and column: the rules ask for the same dates many times over (a child's rows, ~100 rules).
        var index = Table.IndexOf(column);
        if (index >= 64) return ParseDate(Values[index]);
        var bit = 1UL << index;
        if ((_datesRead & bit) != 0) return _dates![index];
        var date = ParseDate(Values[index]);
        (_dates ??= new DateOnly?[Values.Count])[index] = date;
        _datesRead |= bit;
        return date;
    }

    /// <summary>Whether the column holds something that is not a DD/MM/YYYY date.</summary>
    public bool IsBadDate(string column) => this[column] is not null && Date(column) is null;

    public static DateOnly? ParseDate(string? value) =>
        value is not null && DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static readonly string[] LenientFormats =
        ["d/M/yyyy", "yyyy-M-d", "d/M/yy", "d-M-yyyy", "d-M-yy", "d.M.yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "yyyy-M-d H:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>
    /// A date read leniently (day first, ISO, two-digit years, surrounding spaces), as the DfE's tools read it for the
    /// few rules that do (234, 383); every other rule reads DD/MM/YYYY strictly.
    /// </summary>
    public DateOnly? LenientDate(string column) =>
        this[column] is { } value && DateTime.TryParseExact(value.Trim(), LenientFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? DateOnly.FromDateTime(date)
            : null;

    /// <summary>
    /// Normalises one raw CSV value as the DfE's tools read it: an empty cell is blank, anything else is kept as written
    /// (not trimmed: " " is a value, and not a valid one) and upper-cased, so codes are accepted in either case.
    /// </summary>
    public static string? Normalise(string column, string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return raw.Length == 0 ? null : raw.ToUpperInvariant();
    }

    public static string Format(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Everything one child has in an uploaded return: their rows of every table, each in file order.</summary>
public sealed class ChildReturn
{
    private readonly List<Ssda903Row>[] _rows = Ssda903Tables.All.Select(_ => new List<Ssda903Row>()).ToArray();
    private List<Ssda903Row>? _episodesByStart;

    public ChildReturn(string? child) => Child = child;

    /// <summary>The CHILD identifier; null for rows that have none.</summary>
    public string? Child { get; }

    public void Add(Ssda903Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _rows[(int)row.Table.Table].Add(row);
        _episodesByStart = null;
    }

    public IReadOnlyList<Ssda903Row> Rows(Ssda903Table table) => _rows[(int)table];

    public IReadOnlyList<Ssda903Row> Header => _rows[(int)Ssda903Table.Header];

    public IReadOnlyList<Ssda903Row> Episodes => _rows[(int)Ssda903Table.Episodes];

    /// <summary>The child's episodes ordered by DECOM, those without a readable DECOM last, then file order: as the sequence rules read them.</summary>
    public IReadOnlyList<Ssda903Row> EpisodesByStart =>
        _episodesByStart ??= Episodes.OrderBy(e => e.Date("DECOM") is null).ThenBy(e => e.Date("DECOM")).ThenBy(e => e.Line).ToList();

    /// <summary>The child's date of birth from the header, when there is exactly one readable one.</summary>
    public DateOnly? DateOfBirth => Header.Count >= 1 ? Header[0].Date("DOB") : null;

    public bool IsEmpty => _rows.All(r => r.Count == 0);
}

/// <summary>One finding of the 903 validation: the DfE rule, the table and line in the uploaded file, the child and fields.</summary>
public sealed record Ssda903Finding(string Rule, string Table, int Row, string? Child, IReadOnlyList<string> Fields, string Message);
