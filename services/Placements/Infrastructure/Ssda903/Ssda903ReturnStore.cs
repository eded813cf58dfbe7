using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Placements.Domain.Ssda903;

namespace Platform.Placements.Infrastructure.Ssda903;

/// <summary>What an import stored.</summary>
public sealed record ImportedReturn(int Children, int Episodes, int ChildrenLeftOut);

/// <summary>
/// Loads a staged, validated return into the service's children and episodes (one SQL statement per table, in the
/// upload's transaction) and writes a collection year back out in the DfE's table format.
/// </summary>
public static class Ssda903ReturnStore
{
    /// <summary>
    /// Adds the staged return's children and episodes. Children already held are refused (rule P05, added to the
    /// findings) because an import adds children; the caller decides from the findings whether to go on.
    /// </summary>
    public static async Task<int> FindChildrenAlreadyHeldAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO staged_findings (rule, tab, line, child, fields, message)
            SELECT 'P05', '{Ssda903Tables.Header.Name}', min(s.line), s.child, 'CHILD',
                'The child is already held by the service; an import adds children (their later episodes are recorded through the API).'
            FROM staged_rows s JOIN children c ON c.child_id = s.child WHERE s.tab = {(int)Ssda903Table.Header} GROUP BY s.child
            """;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<ImportedReturn> LoadAsync(PlacementsDbContext db, NpgsqlConnection connection, int leftOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Straight from the staged rows, which carry the ids, dates and postcodes read while staging (StagedReturn).
        var children = await Execute(connection, $"""
            INSERT INTO children (child_id, sex, date_of_birth, ethnicity, is_uasc, upn, is_mother, mother_child_date_of_birth)
            SELECT DISTINCT ON (h.child COLLATE "C") h.child, CASE h.vals[2] WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE h.vals[2] END,
                h.date1, h.vals[4],
                EXISTS (SELECT 1 FROM staged_rows u WHERE u.tab = {(int)Ssda903Table.Uasc} AND u.child = h.child),
                left(h.vals[5], 13), CASE h.vals[6] WHEN '1' THEN true WHEN '0' THEN false END, h.date2
            FROM staged_rows h WHERE h.tab = {(int)Ssda903Table.Header} AND h.child IS NOT NULL ORDER BY h.child COLLATE "C", h.line
            """, cancellationToken);
        // The weekly cost of each imported placement comes from the rate card: the provider's own rate, else the type's default.
        var episodes = await Execute(connection, $"""
            INSERT INTO episodes (id, child_id, start_date, reason_for_new_episode, legal_status, category_of_need, placement_type,
                placement_provider, postcode_district, home_postcode_district, placement_postcode, home_postcode, urn, weekly_cost,
                is_cost_override, end_date, reason_episode_ceased, reason_for_placement_change)
            SELECT r.id, r.child, r.date1, r.vals[3], r.vals[4], r.vals[5], r.vals[6], r.vals[7], r.pl_district, r.home_district,
                r.pl_post, r.home_post, left(r.vals[13], 8), COALESCE(own.weekly_rate, def.weekly_rate, 0), false, r.date2, r.vals[9], r.vals[10]
            FROM staged_rows r
            LEFT JOIN rate_card own ON own.placement_type = r.vals[6] AND own.provider = COALESCE(r.vals[7], '')
            LEFT JOIN rate_card def ON def.placement_type = r.vals[6] AND def.provider = ''
            WHERE r.tab = {(int)Ssda903Table.Episodes} AND r.child IS NOT NULL
            """, cancellationToken);
        await Ssda903Events.QueueAsync(db, connection, cancellationToken);
        return new ImportedReturn(children, episodes, leftOut);
    }

    /// <summary>
    /// Writes a collection year as the DfE's tables in a zip (header.csv, episodes.csv): every child with an episode open
    /// at some point in the year, and those episodes, ordered by CHILD then DECOM. SEX is written in the year's codes.
    /// </summary>
    public static async Task WriteZipAsync(PlacementsDbContext db, int collectionYear, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A zip is written with synchronous writes, which the response refuses: it is built in a temporary file (flat
        // memory for any size of return) and then copied out.
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        using (var zip = new ZipArchive(spool, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in new[] { Ssda903Tables.Header, Ssda903Tables.Episodes })
            {
                var entry = zip.CreateEntry(table.FileName, CompressionLevel.Fastest);
                await using var stream = entry.Open();
                await WriteTableAsync(db, collectionYear, table.Table, stream, cancellationToken);
            }
        }
        spool.Position = 0;
        await spool.CopyToAsync(output, cancellationToken);
    }

    /// <summary>One table of a collection year as CSV (see <see cref="WriteZipAsync"/>).</summary>
    public static async Task WriteTableAsync(PlacementsDbContext db, int collectionYear, Ssda903Table table, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var numericSex = Ssda903Specification.For(collectionYear).Sex.Contains("1");
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        var definition = Ssda903Tables.Get(table);
        await writer.WriteLineAsync(string.Join(",", definition.Columns));
        var inYear = EpisodesInYear(db, collectionYear);
        var line = new StringBuilder();
        if (table == Ssda903Table.Header)
        {
            var children = db.Children.AsNoTracking().Where(c => inYear.Any(e => e.ChildId == c.ChildId))
                .OrderBy(c => EF.Functions.Collate(c.ChildId, "C")).AsAsyncEnumerable();
            await foreach (var c in children.WithCancellation(cancellationToken))
            {
                var sex = numericSex ? c.Sex switch { "M" => "1", "F" => "2", _ => c.Sex } : c.Sex;
                line.Clear().AppendJoin(',', CsvLine.Quote(c.ChildId), sex, Ssda903Row.Format(c.DateOfBirth), c.Ethnicity, CsvLine.Quote(c.Upn),
                    c.IsMother switch { true => "1", false => "0", null => "" }, Ssda903Row.Format(c.MotherChildDateOfBirth));
                await writer.WriteLineAsync(line, cancellationToken);
            }
        }
        else if (table == Ssda903Table.Episodes)
        {
            var episodes = inYear.OrderBy(e => EF.Functions.Collate(e.ChildId, "C")).ThenBy(e => e.StartDate).AsAsyncEnumerable();
            await foreach (var e in episodes.WithCancellation(cancellationToken))
            {
                line.Clear().AppendJoin(',', CsvLine.Quote(e.ChildId), Ssda903Row.Format(e.StartDate), e.ReasonForNewEpisode, e.LegalStatus, e.CategoryOfNeed,
                    e.PlacementType, e.PlacementProvider ?? "", Ssda903Row.Format(e.EndDate), e.ReasonEpisodeCeased ?? "", e.ReasonForPlacementChange ?? "",
                    e.HomePostcode ?? e.HomePostcodeDistrict ?? "", e.PlacementPostcode ?? e.PostcodeDistrict ?? "", e.Urn ?? "");
                await writer.WriteLineAsync(line, cancellationToken);
            }
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(table), $"The service does not hold the {definition.Name} table.");
        }
    }

    /// <summary>How many children an export of the year holds (those with an episode open at some point in it).</summary>
    public static Task<int> CountChildrenAsync(PlacementsDbContext db, int collectionYear, CancellationToken cancellationToken) =>
        EpisodesInYear(db, collectionYear).Select(e => e.ChildId).Distinct().CountAsync(cancellationToken);

    // The episodes an export of the year holds: open at some point between 1 April and 31 March.
    private static IQueryable<Domain.Episode> EpisodesInYear(PlacementsDbContext db, int collectionYear)
    {
        var (yearStart, yearEnd) = (new DateOnly(collectionYear, 4, 1), new DateOnly(collectionYear + 1, 3, 31));
        return db.Episodes.AsNoTracking().Where(e => e.StartDate <= yearEnd && (e.EndDate == null || e.EndDate >= yearStart));
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
