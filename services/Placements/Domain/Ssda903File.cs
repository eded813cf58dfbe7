using System.Globalization;
using System.Text;

namespace Platform.Placements.Domain;

/// <summary>One data row of a 903 episodes file, parsed; a value that could not be read is null (and reported).</summary>
public sealed record Ssda903Row(
    int Line, string? Child, string? Sex, DateOnly? DateOfBirth, string? Ethnicity, bool? IsUasc, DateOnly? StartDate,
    string? ReasonForNewEpisode, string? LegalStatus, string? CategoryOfNeed, string? PlacementType, string? PlacementProvider,
    DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonForPlacementChange, string? HomePostcode, string? PlacementPostcode, string? Urn)
{
    /// <summary>The facts the sequence rules need, when the row's own codes and dates were readable.</summary>
    public EpisodeFacts? ToFacts() =>
        StartDate is { } start && ReasonForNewEpisode is { } rne && LegalStatus is { } ls && PlacementType is { } place
            ? new EpisodeFacts(start, rne, ls, place, PlacementProvider, EndDate, ReasonEpisodeCeased, ReasonForPlacementChange)
            : null;
}

/// <summary>A problem with a row of an imported 903 file: the file line (the header is line 1), the column and the rule.</summary>
public sealed record Ssda903Error(int Row, string? Child, string Field, string Rule, string Message);

/// <summary>
/// The 903 episodes file this service imports and exports: one row per episode, with the child's header fields repeated
/// on each row (CHILD, SEX, DOB, ETHNIC, UASC), then the episode (DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC,
/// REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN). Dates are DD/MM/YYYY; blank means not recorded. Rule numbers are the
/// DfE's (903 notes, section 4); P-numbered rules are this platform's own checks.
/// </summary>
public static class Ssda903File
{
    public static readonly string[] Columns =
    [
        "CHILD", "SEX", "DOB", "ETHNIC", "UASC", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    ];

    public const string DateFormat = "dd/MM/yyyy";

    /// <summary>Reads the header line: the index of every column, or the columns that are missing.</summary>
    public static (int[]? Map, IReadOnlyList<string> Missing) ReadHeader(string? line)
    {
        var names = line is null ? [] : SplitLine(line).Select(n => n.Trim().ToUpperInvariant()).ToList();
        var missing = Columns.Where(c => !names.Contains(c)).ToList();
        return missing.Count > 0 ? (null, missing) : (Columns.Select(c => names.IndexOf(c)).ToArray(), missing);
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting; fields in these files never span lines).</summary>
    public static List<string> SplitLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Parses and checks one data row on its own (codes, dates, formats, combinations); the sequence rules come later.</summary>
    public static Ssda903Row ParseRow(int line, string text, int[] map, int collectionYear, List<Ssda903Error> errors)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(errors);
        var fields = SplitLine(text);
        string? Field(int column) => map[column] < fields.Count && fields[map[column]].Trim() is { Length: > 0 } value ? value : null;
        var child = Field(0);
        void Error(string field, string rule, string message) => errors.Add(new Ssda903Error(line, Child.IsValidChildId(child) ? child : null, field, rule, message));

        if (fields.Count < map.Max() + 1) Error("row", "P07", $"Has {fields.Count} fields; the header has {map.Max() + 1}.");
        if (!Child.IsValidChildId(child)) { Error("CHILD", "P01", $"Must be 1 to {Child.MaxChildIdLength} letters or digits."); child = null; }

        var sex = Code(Field(1), CodeLists.Sex, "SEX", "101", Error);
        var dob = Date(Field(2), "DOB", "102", required: true, Error);
        var ethnic = Code(Field(3), CodeLists.Ethnicity, "ETHNIC", "103", Error);
        bool? uasc = Field(4) switch { "0" => false, "1" => true, _ => null };
        if (uasc is null) Error("UASC", "P04", "Must be 0 or 1.");
        var decom = Date(Field(5), "DECOM", "141", required: true, Error);
        var rne = Code(Field(6), CodeLists.ReasonForNewEpisode, "RNE", "143", Error);
        var ls = Code(Field(7), CodeLists.LegalStatus, "LS", "144", Error);
        var cin = Code(Field(8), CodeLists.CategoryOfNeed, "CIN", "145", Error);
        var place = Code(Field(9), CodeLists.PlacementType, "PLACE", "146", Error);
        var provider = Field(10);
        if (provider is not null && !CodeLists.PlacementProvider.Contains(provider)) { Error("PLACE_PROVIDER", "178", $"'{Clip(provider)}' is not a valid provider (PR0–PR5)."); provider = null; }
        var dec = Date(Field(11), "DEC", "147", required: false, Error);
        var rec = Field(12);
        if (rec is not null && !CodeLists.ReasonEpisodeCeased.Contains(rec)) { Error("REC", "149", $"'{Clip(rec)}' is not a valid reason episode ceased."); rec = null; }
        var rpc = Field(13);
        if (rpc is not null && !CodeLists.ReasonForPlacementChange.Contains(rpc)) { Error("REASON_PLACE_CHANGE", "1009", $"'{Clip(rpc)}' is not a valid reason for placement change."); rpc = null; }
        var homePost = Postcode(Field(14), "HOME_POST", Error);
        var placementPost = Postcode(Field(15), "PL_POST", Error);
        var urn = Field(16);
        if (urn is not null && !Episode.IsValidUrn(urn)) { Error("URN", "P03", Episode.UrnRule); urn = null; }

        var row = new Ssda903Row(line, child, sex, dob, ethnic, uasc, decom, rne, ls, cin, place, provider, dec, rec, rpc, homePost, placementPost, urn);
        if (row.ToFacts() is { } facts && dob is { } born && Field(10) == provider && Field(12) == rec && Field(13) == rpc && Field(11) is null == dec is null)
        {
            foreach (var violation in Ssda903Rules.Episode(facts, born)) Error(violation.Field, violation.Rule, violation.Message);
        }
        var yearStart = new DateOnly(collectionYear, 4, 1);
        var yearEnd = new DateOnly(collectionYear + 1, 3, 31);
        if (dec is { } ended && ended > yearEnd) Error("DEC", "354", $"Is after the end of the collection year ({yearEnd:dd/MM/yyyy}).");
        if (dec is { } before && before < yearStart) Error("DEC", "P06", $"The episode ended before the collection year started ({yearStart:dd/MM/yyyy}): it belongs to an earlier return.");
        if (decom is { } started && started > yearEnd) Error("DECOM", "P06", $"The episode starts after the collection year ({yearEnd:dd/MM/yyyy}).");
        return row;
    }

    /// <summary>
    /// Checks one child's rows together (ordered by DECOM): the header fields agree, the episodes follow each other without
    /// gap or overlap (rules 142, 388, 431, 433, 437, 501, 225), and a first episode starting in the year has RNE S (357).
    /// </summary>
    public static void CheckChild(IReadOnlyList<Ssda903Row> rows, int collectionYear, List<Ssda903Error> errors)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(errors);
        if (rows.Count == 0) return;
        var first = rows[0];
        foreach (var row in rows.Skip(1))
        {
            if (row.Sex != first.Sex || row.DateOfBirth != first.DateOfBirth || row.Ethnicity != first.Ethnicity || row.IsUasc != first.IsUasc)
            {
                errors.Add(new(row.Line, row.Child, "SEX, DOB, ETHNIC, UASC", "INT", $"The child's details differ from those on row {first.Line}."));
            }
        }
        var yearStart = new DateOnly(collectionYear, 4, 1);
        if (first.StartDate >= yearStart && first.ReasonForNewEpisode is { } rne && rne != CodeLists.StartedToBeLookedAfter)
        {
            errors.Add(new(first.Line, first.Child, "RNE", "357", "The child's first episode starts in the year, so its RNE must be S."));
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var current = rows[i].ToFacts();
            if (current is null) continue;
            var nextRow = i + 1 < rows.Count ? rows[i + 1] : null;
            var next = nextRow?.ToFacts();
            if (nextRow is not null && next is null) continue;
            if (next is not null && next.StartDate == current.StartDate)
            {
                errors.Add(new(nextRow!.Line, nextRow.Child, "DECOM", "501", $"Starts on the same day as the episode on row {rows[i].Line}."));
                continue;
            }
            foreach (var violation in Ssda903Rules.Sequence(current, next))
            {
                var on = violation.Field is "DECOM" or "RNE" && nextRow is not null ? nextRow : rows[i];
                errors.Add(new(on.Line, on.Child, violation.Field, violation.Rule, violation.Message));
            }
        }
    }

    /// <summary>A date as the file writes it.</summary>
    public static string Format(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "";

    private static string? Code(string? value, IReadOnlySet<string> allowed, string field, string rule, Action<string, string, string> error)
    {
        if (value is null) { error(field, rule, "Is required."); return null; }
        if (allowed.Contains(value)) return value;
        error(field, rule, $"'{Clip(value)}' is not a valid code.");
        return null;
    }

    private static DateOnly? Date(string? value, string field, string rule, bool required, Action<string, string, string> error)
    {
        if (value is null)
        {
            if (required) error(field, rule, "Is required.");
            return null;
        }
        if (DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 1900) return date;
        error(field, rule, $"'{Clip(value)}' is not a valid DD/MM/YYYY date.");
        return null;
    }

    private static string? Postcode(string? value, string field, Action<string, string, string> error)
    {
        if (value is null || Episode.IsValidPostcodeDistrict(value)) return value;
        error(field, "P02", "Must be a postcode district (outward code, e.g. ST4): full postcodes are not held.");
        return null;
    }

    private static string Clip(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
