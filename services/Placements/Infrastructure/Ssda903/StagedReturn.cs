using System.Text;
using Npgsql;
using NpgsqlTypes;
using Platform.Placements.Domain.Ssda903;

namespace Platform.Placements.Infrastructure.Ssda903;

/// <summary>How many rows each table of an upload had.</summary>
public sealed record StagedTable(string Table, string File, int Rows);

/// <summary>The count of findings of one rule.</summary>
public sealed record RuleCount(string Rule, string Table, string Message, int Count);

/// <summary>
/// A 903 upload staged in PostgreSQL for the length of one transaction (temporary tables, dropped at its end), so a return
/// of any size is checked in flat memory: every table's rows are written with binary COPY as they are read from the body;
/// the rules then read the rows back one child at a time (all tables together) and the findings are written to a second
/// temporary table, from which the answer is streamed in file order.
/// </summary>
public sealed class StagedReturn
{
    private const int MaxLineLength = 8_192;

    /// <summary>Lines of wrong length reported before the upload is refused (the rest are counted).</summary>
    private const int MaxMalformedReported = 100;

    private readonly NpgsqlConnection _connection;
    private readonly List<StagedTable> _tables = [];

    private readonly string _localAuthority;

    private StagedReturn(NpgsqlConnection connection, int collectionYear, string localAuthority)
    {
        _connection = connection;
        CollectionYear = collectionYear;
        _localAuthority = localAuthority;
    }

    public int CollectionYear { get; }

    public IReadOnlyList<StagedTable> Tables => _tables;

    public int Findings { get; private set; }

    /// <summary>Counts findings a caller wrote to staged_findings itself (the import's check of children already held).</summary>
    public void AddFindings(int count) => Findings += count;

    public int Children { get; private set; }

    /// <summary>Rules not run because a reference they need (postcodes) is not loaded.</summary>
    public IReadOnlyList<string> NotChecked { get; private set; } = [];

    /// <summary>Stages every file of the upload and runs the collection year's rules. Needs an open transaction on the connection.</summary>
    public static async Task<StagedReturn> StageAsync(
        NpgsqlConnection connection, int collectionYear, string localAuthority, IAsyncEnumerable<UploadedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var staged = new StagedReturn(connection, collectionYear, localAuthority);
        await staged.ExecuteAsync("""
            CREATE TEMP TABLE staged_rows (tab smallint NOT NULL, line int NOT NULL, child text, vals text[] NOT NULL,
                id uuid, date1 date, date2 date, home_post text, home_district text, pl_post text, pl_district text) ON COMMIT DROP;
            CREATE TEMP TABLE staged_findings (rule text NOT NULL, tab text NOT NULL, line int NOT NULL, child text, fields text NOT NULL, message text NOT NULL) ON COMMIT DROP;
            """, cancellationToken);
        await foreach (var file in files.WithCancellation(cancellationToken)) await staged.StageFileAsync(file, cancellationToken);

        foreach (var required in new[] { Ssda903Tables.Header, Ssda903Tables.Episodes })
        {
            if (staged._tables.All(t => t.Table != required.Name))
            {
                throw new Ssda903UploadException("body",
                    $"The return has no {required.Name} table (a CSV with the columns {string.Join(",", required.Columns)}). " +
                    $"Tables received: {(staged._tables.Count == 0 ? "none" : string.Join(", ", staged._tables.Select(t => $"{t.Table} ({t.File})")))}.",
                    StatusCodes.Status422UnprocessableEntity);
            }
        }
        await staged.ExecuteAsync("CREATE INDEX ON staged_rows (child COLLATE \"C\", tab, line)", cancellationToken);
        await staged.ValidateAsync(cancellationToken);
        return staged;
    }

    private async Task StageFileAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        using var reader = new LineReader(file.Content, MaxLineLength);
        var (header, tooLong) = await reader.ReadLineAsync(cancellationToken);
        if (header is null || (header.Length == 0 && !tooLong)) throw new Ssda903UploadException("body", $"{file.Name} is empty.");
        if (tooLong || header.Contains('\0', StringComparison.Ordinal) || header.Contains('\uFFFD', StringComparison.Ordinal) || header.StartsWith('\u001f'))
        {
            throw new Ssda903UploadException("body", $"{file.Name} is not a CSV text file{(header.StartsWith('\u001f') ? " (it looks gzip-compressed; send the CSV itself or a zip)" : header.StartsWith("PK", StringComparison.Ordinal) ? $" (it looks like a zip; send it as {Ssda903Upload.ZipType})" : " (binary content)")}.");
        }
        var names = CsvLine.Split(header.TrimStart('\uFEFF'));
        if (names.Count == 1 && (header.Contains(';', StringComparison.Ordinal) || header.Contains('\t', StringComparison.Ordinal) || header.Contains('|', StringComparison.Ordinal)))
        {
            throw new Ssda903UploadException("body", $"{file.Name} is not comma-separated: the 903 tables are CSV files with a comma between fields.");
        }
        var table = Ssda903Tables.Recognise(names, out var closest);
        if (table is null)
        {
            var missing = closest!.Columns.Where(c => !names.Any(n => string.Equals(n.Trim(), c, StringComparison.OrdinalIgnoreCase)));
            throw new Ssda903UploadException("body",
                $"{file.Name} is not a 903 table: its columns ({Clip(header, 200)}) are nearest to {closest.Name}, which also needs {string.Join(", ", missing)}.",
                StatusCodes.Status422UnprocessableEntity);
        }
        if (_tables.FirstOrDefault(t => t.Table == table.Name) is { } earlier)
        {
            throw new Ssda903UploadException("body", $"{file.Name} and {earlier.File} are both the {table.Name} table; send each table once.", StatusCodes.Status422UnprocessableEntity);
        }
        var map = table.Columns.Select(c => names.FindIndex(n => string.Equals(n.Trim(), c, StringComparison.OrdinalIgnoreCase))).ToArray();

        var malformed = new List<string>();
        var malformedCount = 0;
        var rows = 0;
        // Beside the values the rules read, each row carries what an import stores, read once here rather than per row in
        // SQL: the episode's id (time-ordered, so the episodes' primary key grows at its end), the dates as the rules read
        // them (Header: DOB, MC_DOB; Episodes: DECOM, DEC) and the episode's postcodes in their stored forms.
        var (date1, date2) = table.Table switch
        {
            Ssda903Table.Header => (table.IndexOf("DOB"), table.IndexOf("MC_DOB")),
            Ssda903Table.Episodes => (table.IndexOf("DECOM"), table.IndexOf("DEC")),
            _ => (-1, -1),
        };
        var isEpisodes = table.Table == Ssda903Table.Episodes;
        var (homePost, plPost) = isEpisodes ? (table.IndexOf("HOME_POST"), table.IndexOf("PL_POST")) : (-1, -1);
        await using (var copy = await _connection.BeginBinaryImportAsync(
            "COPY staged_rows (tab, line, child, vals, id, date1, date2, home_post, home_district, pl_post, pl_district) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var line = 1;
            var values = new string?[table.Columns.Count];
            while (await reader.ReadLineAsync(cancellationToken) is ({ } text, var longLine))
            {
                line++;
                if (text.Length == 0 && !longLine) continue;
                var fields = longLine ? null : CsvLine.Split(text);
                if (fields is null || fields.Count != names.Count)
                {
                    if (fields is not null && fields.All(string.IsNullOrWhiteSpace)) continue;
                    if (++malformedCount <= MaxMalformedReported)
                    {
                        malformed.Add(fields is null ? $"line {line} is longer than {MaxLineLength} characters"
                            : $"line {line} has {fields.Count} field(s), the column header {names.Count}");
                    }
                    continue;
                }
                rows++;
                for (var i = 0; i < map.Length; i++) values[i] = map[i] < 0 ? null : Ssda903Row.Normalise(table.Columns[i], fields[map[i]]);
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync((short)table.Table, NpgsqlDbType.Smallint, cancellationToken);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, cancellationToken);
                if (values[0] is { } child) await copy.WriteAsync(child, NpgsqlDbType.Text, cancellationToken); else await copy.WriteNullAsync(cancellationToken);
                await copy.WriteAsync(values, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                if (isEpisodes) await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken); else await copy.WriteNullAsync(cancellationToken);
                await WriteDateAsync(copy, date1 < 0 ? null : Ssda903Row.ParseDate(values[date1]), cancellationToken);
                await WriteDateAsync(copy, date2 < 0 ? null : Ssda903Row.ParseDate(values[date2]), cancellationToken);
                await WriteTextAsync(copy, isEpisodes ? Ssda903Postcode.Full(values[homePost]) : null, cancellationToken);
                await WriteTextAsync(copy, isEpisodes ? Ssda903Postcode.District(values[homePost]) : null, cancellationToken);
                await WriteTextAsync(copy, isEpisodes ? Ssda903Postcode.Full(values[plPost]) : null, cancellationToken);
                await WriteTextAsync(copy, isEpisodes ? Ssda903Postcode.District(values[plPost]) : null, cancellationToken);
            }
            if (malformedCount > 0)
            {
                throw new Ssda903UploadException("body",
                    $"{file.Name} ({table.Name}) has {malformedCount} line(s) whose number of fields differs from its column header: {string.Join("; ", malformed)}{(malformedCount > malformed.Count ? "; …" : "")}.",
                    StatusCodes.Status422UnprocessableEntity);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        _tables.Add(new StagedTable(table.Name, file.Name, rows));
    }

    private static Task WriteDateAsync(NpgsqlBinaryImporter copy, DateOnly? value, CancellationToken cancellationToken) =>
        value is { } date ? copy.WriteAsync(date, NpgsqlDbType.Date, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is not null ? copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private async Task ValidateAsync(CancellationToken cancellationToken)
    {
        bool postcodesLoaded;
        await using (var any = _connection.CreateCommand())
        {
            any.CommandText = "SELECT EXISTS (SELECT 1 FROM reference_postcodes)";
            postcodesLoaded = (bool)(await any.ExecuteScalarAsync(cancellationToken))!;
        }
        var validator = new Ssda903Validator(CollectionYear, _localAuthority, postcodesLoaded);
        NotChecked = validator.NotChecked;
        // Each episode's home and placement postcodes are looked up in the council's reference as the rows are read back.
        await using var read = _connection.CreateCommand();
        read.CommandText = $"""
            SELECT s.tab, s.line, s.child, s.vals,
                h.easting, h.northing, h.district, h.upper_tier, p.easting, p.northing, p.district, p.upper_tier
            FROM staged_rows s
            LEFT JOIN reference_postcodes h ON s.tab = {(int)Ssda903Table.Episodes} AND h.key = replace(s.vals[11], ' ', '')
            LEFT JOIN reference_postcodes p ON s.tab = {(int)Ssda903Table.Episodes} AND p.key = replace(s.vals[12], ' ', '')
            ORDER BY s.child COLLATE "C" NULLS LAST, s.tab, s.line
            """;

        // Findings are spooled and copied after the read finishes: a connection runs one command at a time.
        using var spool = new FindingSpool();
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            ChildReturn? current = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = Ssda903Tables.Get((Ssda903Table)reader.GetInt16(0));
                var child = reader.IsDBNull(2) ? null : reader.GetString(2);
                var row = new Ssda903Row(table, reader.GetInt32(1), reader.GetFieldValue<string?[]>(3))
                {
                    Home = Location(reader, 4),
                    Placement = Location(reader, 8),
                };
                // Rows without a CHILD are checked one by one; the others with the rest of their child's rows.
                if (current is not null && (child is null || current.Child != child))
                {
                    spool.Add(validator.Validate(current));
                    Children += current.Child is null ? 0 : 1;
                    current = null;
                }
                current ??= new ChildReturn(child);
                current.Add(row);
            }
            if (current is not null)
            {
                spool.Add(validator.Validate(current));
                Children += current.Child is null ? 0 : 1;
            }
        }
        Findings = spool.Count;
        await spool.CopyAsync(_connection, cancellationToken);
        Findings += await DuplicateUpnsAsync(cancellationToken);
    }

    private static PostcodeLocation? Location(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new PostcodeLocation(reader.GetInt32(ordinal), reader.GetInt32(ordinal + 1), reader.GetString(ordinal + 2), reader.GetString(ordinal + 3));

    /// <summary>Rule 444, the one rule across children: a UPN (other than UN1–UN5) given to more than one header row.</summary>
    private async Task<int> DuplicateUpnsAsync(CancellationToken cancellationToken)
    {
        var header = (int)Ssda903Table.Header;
        return await ExecuteAsync($"""
            INSERT INTO staged_findings (rule, tab, line, child, fields, message)
            SELECT '444', 'Header', s.line, s.child, 'UPN', 'Duplicate UPN has been reported'
            FROM staged_rows s
            WHERE s.tab = {header} AND s.vals[5] IN (
                SELECT vals[5] FROM staged_rows WHERE tab = {header} AND vals[5] IS NOT NULL AND vals[5] NOT IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')
                GROUP BY vals[5] HAVING count(*) > 1)
            """, cancellationToken);
    }

    /// <summary>The number of findings of each rule, most frequent first.</summary>
    public async Task<IReadOnlyList<RuleCount>> SummaryAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT rule, tab, min(message), count(*)::int FROM staged_findings GROUP BY rule, tab ORDER BY count(*) DESC, rule, tab";
        var summary = new List<RuleCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) summary.Add(new RuleCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        return summary;
    }

    /// <summary>The findings in file order (table, line, rule), optionally one rule's, from <paramref name="offset"/>.</summary>
    public async IAsyncEnumerable<Ssda903Finding> FindingsAsync(string? rule, int offset, int? limit, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT rule, tab, line, child, fields, message FROM staged_findings
            WHERE @rule::text IS NULL OR rule = @rule
            ORDER BY array_position(@tables, tab), line, rule COLLATE "C" OFFSET @offset LIMIT @limit
            """;
        command.Parameters.Add(new NpgsqlParameter("rule", NpgsqlDbType.Text) { Value = (object?)rule ?? DBNull.Value });
        command.Parameters.AddWithValue("tables", Ssda903Tables.All.Select(t => t.Name).ToArray());
        command.Parameters.AddWithValue("offset", offset);
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = (object?)limit ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new Ssda903Finding(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4).Split(','), reader.GetString(5));
        }
    }

    /// <summary>Leaves out the children with at least one finding (a partial import); returns the rows removed.</summary>
    public async Task<int> DropChildrenWithFindingsAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = """
            WITH dropped AS (
                DELETE FROM staged_rows s WHERE s.child IS NULL OR EXISTS (SELECT 1 FROM staged_findings f WHERE f.child = s.child)
                RETURNING s.child)
            SELECT count(DISTINCT child)::int FROM dropped
            """;
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length] + "…";

    /// <summary>
    /// Findings waiting to be copied: kept in memory up to a block, then written to a temporary file, so a return full of
    /// errors does not grow the process.
    /// </summary>
    private sealed class FindingSpool : IDisposable
    {
        private const int InMemory = 10_000;
        private readonly List<Ssda903Finding> _memory = [];
        private FileStream? _file;
        private BinaryWriter? _writer;

        public int Count { get; private set; }

        public void Add(IEnumerable<Ssda903Finding> findings)
        {
            foreach (var finding in findings)
            {
                Count++;
                if (_writer is null && _memory.Count < InMemory)
                {
                    _memory.Add(finding);
                    continue;
                }
                if (_writer is null)
                {
                    _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
                    _writer = new BinaryWriter(_file, Encoding.UTF8, leaveOpen: true);
                }
                Write(_writer, finding);
            }
        }

        public async Task CopyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY staged_findings (rule, tab, line, child, fields, message) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var finding in _memory) await WriteAsync(copy, finding, cancellationToken);
            if (_file is not null)
            {
                _writer!.Flush();
                _file.Position = 0;
                using var reader = new BinaryReader(_file, Encoding.UTF8, leaveOpen: true);
                while (_file.Position < _file.Length) await WriteAsync(copy, Read(reader), cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
            Dispose();
        }

        public void Dispose()
        {
            _writer?.Dispose();
            _file?.Dispose();
            _writer = null;
            _file = null;
        }

        private static async Task WriteAsync(NpgsqlBinaryImporter copy, Ssda903Finding finding, CancellationToken cancellationToken)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(finding.Rule, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(finding.Table, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(finding.Row, NpgsqlDbType.Integer, cancellationToken);
            if (finding.Child is { } child) await copy.WriteAsync(child, NpgsqlDbType.Text, cancellationToken); else await copy.WriteNullAsync(cancellationToken);
            await copy.WriteAsync(string.Join(',', finding.Fields), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(finding.Message, NpgsqlDbType.Text, cancellationToken);
        }

        private static void Write(BinaryWriter writer, Ssda903Finding finding)
        {
            writer.Write(finding.Rule);
            writer.Write(finding.Table);
            writer.Write(finding.Row);
            writer.Write(finding.Child ?? "\0");
            writer.Write(string.Join(',', finding.Fields));
            writer.Write(finding.Message);
        }

        private static Ssda903Finding Read(BinaryReader reader)
        {
            var rule = reader.ReadString();
            var table = reader.ReadString();
            var row = reader.ReadInt32();
            var child = reader.ReadString();
            var fields = reader.ReadString();
            return new Ssda903Finding(rule, table, row, child == "\0" ? null : child, fields.Split(','), reader.ReadString());
        }
    }
}

/// <summary>Splits one CSV line (RFC 4180 quoting; fields in the 903 tables never span lines).</summary>
public static class CsvLine
{
    public static List<string> Split(string line)
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

    /// <summary>A value written to a CSV line, quoted when it must be.</summary>
    public static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
