using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;
using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;

namespace Platform.Placements.Infrastructure;

/// <summary>The outcome of a 903 import: what was loaded, and every error found (the first <see cref="Ssda903Import.MaxReportedErrors"/>).</summary>
public sealed record Ssda903ImportResult(int Rows, int Children, int Episodes, int ErrorCount, IReadOnlyList<Ssda903Error> Errors, bool Loaded, IReadOnlyList<string> MissingColumns);

/// <summary>
/// Streams a 903 episodes file into PostgreSQL without holding it in memory: each line is read from the request body,
/// checked on its own and written to a temporary table with binary COPY; the per-child sequence rules then read the
/// rows back ordered by child and date, one child at a time. Only when nothing is wrong (or the caller asked for a
/// partial load, which drops the children with errors) are the rows inserted into children and episodes, in the same
/// transaction — an invalid file stores nothing.
/// </summary>
public sealed class Ssda903Import(PlacementsDbContext db)
{
    public const int MaxReportedErrors = 1_000;
    private const int MaxLineLength = 4_096;

    public async Task<Ssda903ImportResult> RunAsync(Stream body, int collectionYear, bool partial, CancellationToken cancellationToken)
    {
        using var reader = new LineReader(body, MaxLineLength);
        var (header, _) = await reader.ReadLineAsync(cancellationToken);
        var (map, missing) = Ssda903File.ReadHeader(header);
        if (map is null) return new Ssda903ImportResult(0, 0, 0, 1, [], false, missing);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Execute(connection, """
            CREATE TEMP TABLE import_rows (
                line int, child text, sex text, dob date, ethnic text, uasc bool, decom date, rne text, ls text, cin text,
                place text, provider text, dec date, rec text, rpc text, home_post text, pl_post text, urn text) ON COMMIT DROP
            """, cancellationToken);

        var errors = new ErrorLog();
        var badChildren = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_rows (line, child, sex, dob, ethnic, uasc, decom, rne, ls, cin, place, provider, dec, rec, rpc, home_post, pl_post, urn) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            var line = 1;
            while (await reader.ReadLineAsync(cancellationToken) is ({ } text, var tooLong))
            {
                line++;
                if (text.Length == 0 && !tooLong) continue;
                rows++;
                var found = new List<Ssda903Error>();
                Ssda903Row row;
                if (tooLong)
                {
                    found.Add(new Ssda903Error(line, null, "row", "P07", $"Is longer than {MaxLineLength} characters."));
                    row = new Ssda903Row(line, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
                }
                else
                {
                    row = Ssda903File.ParseRow(line, text, map, collectionYear, found);
                }
                errors.AddRange(found);
                if (found.Count > 0 && row.Child is { } bad) badChildren.Add(bad);
                await WriteAsync(copy, row, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await Execute(connection, "CREATE INDEX ON import_rows (child, decom, line)", cancellationToken);

        await CheckChildrenAsync(connection, collectionYear, errors, badChildren, cancellationToken);
        await CheckAlreadyHeldAsync(connection, errors, badChildren, cancellationToken);

        if (errors.Count > 0 && !partial)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new Ssda903ImportResult(rows, 0, 0, errors.Count, errors.Reported, false, []);
        }
        if (badChildren.Count > 0)
        {
            await using var drop = new NpgsqlCommand("DELETE FROM import_rows WHERE child = ANY(@bad) OR child IS NULL", connection);
            drop.Parameters.AddWithValue("bad", badChildren.ToArray());
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            await Execute(connection, "DELETE FROM import_rows WHERE child IS NULL", cancellationToken);
        }

        var children = await Execute(connection, """
            INSERT INTO children (child_id, sex, date_of_birth, ethnicity, is_uasc)
            SELECT DISTINCT ON (child) child, sex, dob, ethnic, uasc FROM import_rows ORDER BY child, line
            """, cancellationToken);
        // The weekly cost of each imported placement comes from the rate card: the provider's own rate, else the type's default.
        var episodes = await Execute(connection, """
            INSERT INTO episodes (id, child_id, start_date, reason_for_new_episode, legal_status, category_of_need, placement_type,
                placement_provider, postcode_district, home_postcode_district, urn, weekly_cost, is_cost_override, end_date,
                reason_episode_ceased, reason_for_placement_change)
            SELECT gen_random_uuid(), r.child, r.decom, r.rne, r.ls, r.cin, r.place, r.provider, r.pl_post, r.home_post, r.urn,
                COALESCE(own.weekly_rate, def.weekly_rate, 0), false, r.dec, r.rec, r.rpc
            FROM import_rows r
            LEFT JOIN rate_card own ON own.placement_type = r.place AND own.provider = COALESCE(r.provider, '')
            LEFT JOIN rate_card def ON def.placement_type = r.place AND def.provider = ''
            """, cancellationToken);

        await QueueEventsAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Ssda903ImportResult(rows, children, episodes, errors.Count, errors.Reported, true, []);
    }

    /// <summary>Reads the staged rows back one child at a time (ordered by DECOM) and applies the sequence rules.</summary>
    private static async Task CheckChildrenAsync(NpgsqlConnection connection, int collectionYear, ErrorLog errors, HashSet<string> badChildren, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT line, child, sex, dob, ethnic, uasc, decom, rne, ls, cin, place, provider, dec, rec, rpc, home_post, pl_post, urn
            FROM import_rows WHERE child IS NOT NULL ORDER BY child, decom NULLS LAST, line
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var group = new List<Ssda903Row>();
        void Flush()
        {
            var found = new List<Ssda903Error>();
            Ssda903File.CheckChild(group, collectionYear, found);
            if (found.Count > 0) badChildren.Add(group[0].Child!);
            errors.AddRange(found);
            group.Clear();
        }
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Ssda903Row(reader.GetInt32(0), reader.GetString(1), Text(reader, 2), Day(reader, 3), Text(reader, 4),
                reader.IsDBNull(5) ? null : reader.GetBoolean(5), Day(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9),
                Text(reader, 10), Text(reader, 11), Day(reader, 12), Text(reader, 13), Text(reader, 14), Text(reader, 15), Text(reader, 16), Text(reader, 17));
            if (group.Count > 0 && group[0].Child != row.Child) Flush();
            group.Add(row);
        }
        if (group.Count > 0) Flush();
    }

    /// <summary>An import loads new children only (rule P05): a child already held keeps their recorded episodes.</summary>
    private static async Task CheckAlreadyHeldAsync(NpgsqlConnection connection, ErrorLog errors, HashSet<string> badChildren, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT r.child, min(r.line) FROM import_rows r JOIN children c ON c.child_id = r.child GROUP BY r.child ORDER BY min(r.line)", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var child = reader.GetString(0);
            badChildren.Add(child);
            errors.Add(new Ssda903Error(reader.GetInt32(1), child, "CHILD", "P05", "The child is already held by the service; an import loads new children only."));
        }
    }

    /// <summary>
    /// Queues, in the import's transaction, PlacementStarted for every imported placement still open (Finance commits its
    /// cost) and CarePopulationChanged for each day in the imported range on which the number looked after changed. The
    /// closed history is loaded as data, not replayed as events.
    /// </summary>
    private async Task QueueEventsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Every measure is republished from the earliest date the return touches (docs/measures.md).
        await using (var earliest = new NpgsqlCommand("SELECT min(decom) FROM import_rows", connection))
        await using (var reader = await earliest.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)) db.MeasuresChangedFrom(reader.GetFieldValue<DateOnly>(0));
        }
        await db.SaveChangesAsync(cancellationToken);
        var open = new List<PlacementStarted>();
        await using (var command = new NpgsqlCommand("""
            SELECT e.id, e.child_id, e.start_date, e.reason_for_new_episode, e.legal_status, e.placement_type, e.placement_provider, e.weekly_cost
            FROM episodes e JOIN import_rows r ON r.child = e.child_id AND r.decom = e.start_date WHERE e.end_date IS NULL
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                open.Add(new PlacementStarted(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), Text(reader, 6), reader.GetDecimal(7)));
                if (open.Count == 1_000) await SaveEventsAsync(open, cancellationToken);
            }
        }
        await SaveEventsAsync(open, cancellationToken);

        // Day-by-day changes: +1 for each start of a period of care, -1 for each cease (short breaks excluded), added to the
        // count the day before the first change.
        DateOnly? first = null;
        var changes = new List<(DateOnly Day, int Running)>();
        await using (var command = new NpgsqlCommand("""
            WITH span AS (
                SELECT least(min(decom), min(dec)) AS first_day, greatest(max(decom), max(dec)) AS last_day FROM import_rows),
            changes AS (
                SELECT start_date AS day, 1 AS delta FROM episodes, span
                WHERE reason_for_new_episode = 'S' AND legal_status NOT IN ('V3', 'V4') AND start_date BETWEEN first_day AND last_day
                UNION ALL
                SELECT end_date, -1 FROM episodes, span
                WHERE reason_episode_ceased IS NOT NULL AND reason_episode_ceased <> 'X1' AND legal_status NOT IN ('V3', 'V4')
                    AND end_date BETWEEN first_day AND last_day)
            SELECT day, sum(sum(delta)) OVER (ORDER BY day)::int FROM changes GROUP BY day HAVING sum(delta) <> 0 ORDER BY day
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var day = reader.GetFieldValue<DateOnly>(0);
                first ??= day;
                changes.Add((day, reader.GetInt32(1)));
            }
        }
        if (first is null) return;
        var baseline = await CarePopulation.LookedAfterOn(db, first.Value.AddDays(-1)).CountAsync(cancellationToken);
        var references = await db.PopulationReferences.AsNoTracking().OrderBy(r => r.CollectionYear).ToListAsync(cancellationToken);
        var events = new List<IntegrationEvent>();
        foreach (var (day, running) in changes)
        {
            var count = baseline + running;
            var reference = references.LastOrDefault(r => r.CollectionYear <= PopulationReference.CollectionYearOf(day));
            events.Add(new CarePopulationChanged(day, count, PopulationReference.RatePer10000(count, reference?.Under18Population),
                reference?.EnglandRatePer10000, reference?.StatisticalNeighbourRatePer10000));
            if (events.Count == 1_000) await SaveEventsAsync(events, cancellationToken);
        }
        await SaveEventsAsync(events, cancellationToken);
    }

    private async Task SaveEventsAsync<T>(List<T> events, CancellationToken cancellationToken) where T : IntegrationEvent
    {
        if (events.Count == 0) return;
        foreach (var integrationEvent in events) db.AddIntegrationEvent(integrationEvent);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        events.Clear();
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, Ssda903Row row, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, cancellationToken);
        await Text(copy, row.Child, cancellationToken);
        await Text(copy, row.Sex, cancellationToken);
        await Day(copy, row.DateOfBirth, cancellationToken);
        await Text(copy, row.Ethnicity, cancellationToken);
        if (row.IsUasc is { } uasc) await copy.WriteAsync(uasc, NpgsqlDbType.Boolean, cancellationToken); else await copy.WriteNullAsync(cancellationToken);
        await Day(copy, row.StartDate, cancellationToken);
        await Text(copy, row.ReasonForNewEpisode, cancellationToken);
        await Text(copy, row.LegalStatus, cancellationToken);
        await Text(copy, row.CategoryOfNeed, cancellationToken);
        await Text(copy, row.PlacementType, cancellationToken);
        await Text(copy, row.PlacementProvider, cancellationToken);
        await Day(copy, row.EndDate, cancellationToken);
        await Text(copy, row.ReasonEpisodeCeased, cancellationToken);
        await Text(copy, row.ReasonForPlacementChange, cancellationToken);
        await Text(copy, row.HomePostcode, cancellationToken);
        await Text(copy, row.PlacementPostcode, cancellationToken);
        await Text(copy, row.Urn, cancellationToken);
    }

    private static Task Text(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task Day(NpgsqlBinaryImporter copy, DateOnly? value, CancellationToken cancellationToken) =>
        value is { } day ? copy.WriteAsync(day, NpgsqlDbType.Date, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateOnly? Day(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Counts every error; keeps the first <see cref="MaxReportedErrors"/> for the report.</summary>
    private sealed class ErrorLog
    {
        private readonly List<Ssda903Error> _reported = [];

        public int Count { get; private set; }

        public IReadOnlyList<Ssda903Error> Reported => _reported;

        public void Add(Ssda903Error error)
        {
            Count++;
            if (_reported.Count < MaxReportedErrors) _reported.Add(error);
        }

        public void AddRange(IEnumerable<Ssda903Error> errors)
        {
            foreach (var error in errors) Add(error);
        }
    }
}
