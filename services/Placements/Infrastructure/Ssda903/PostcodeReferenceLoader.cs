using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Placements.Domain;

namespace Platform.Placements.Infrastructure.Ssda903;

/// <summary>
/// Loads the council's postcode reference from the ONS postcode directory's CSV (ONSPD: the columns pcd, oseast1m,
/// osnrth1m, laua and, when present, cty; others are ignored), streamed with binary COPY and swapped in one transaction:
/// the reference is never half loaded. Postcodes without a grid reference (terminated or non-geographic) are skipped.
/// </summary>
public static class PostcodeReferenceLoader
{
    private static readonly string[] Required = ["pcd", "oseast1m", "osnrth1m", "laua"];

    public sealed record Loaded(int Postcodes, int Skipped);

    public static async Task<Loaded> LoadAsync(PlacementsDbContext db, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        using var reader = new LineReader(body, 4_096);
        var (header, _) = await reader.ReadLineAsync(cancellationToken);
        var names = header is null ? [] : CsvLine.Split(header.TrimStart('\uFEFF')).Select(n => n.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(r => !names.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw new Ssda903UploadException("body", $"The postcode directory CSV needs the ONSPD columns {string.Join(", ", Required)}{(header is null ? "; the body is empty" : $"; it lacks {string.Join(", ", missing)}")}.");
        }
        int pcd = names.IndexOf("pcd"), east = names.IndexOf("oseast1m"), north = names.IndexOf("osnrth1m"), laua = names.IndexOf("laua"), cty = names.IndexOf("cty");

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var ddl = connection.CreateCommand())
        {
            ddl.CommandText = "CREATE TEMP TABLE loaded_postcodes (LIKE reference_postcodes) ON COMMIT DROP";
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }
        var loaded = 0;
        var skipped = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY loaded_postcodes (key, easting, northing, district, upper_tier) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var line = 1;
            while (await reader.ReadLineAsync(cancellationToken) is ({ } text, var tooLong))
            {
                line++;
                if (text.Length == 0 && !tooLong) continue;
                var fields = tooLong ? [] : CsvLine.Split(text);
                if (fields.Count != names.Count)
                {
                    throw new Ssda903UploadException("body", $"Line {line} has {fields.Count} field(s); the column header has {names.Count}.", StatusCodes.Status422UnprocessableEntity);
                }
                var key = ReferencePostcode.KeyOf(fields[pcd]);
                var district = fields[laua].Trim().ToUpperInvariant();
                if (key.Length is < 5 or > 8 || !int.TryParse(fields[east], out var easting) || !int.TryParse(fields[north], out var northing) || district.Length != 9)
                {
                    skipped++;
                    continue;
                }
                var county = cty >= 0 ? fields[cty].Trim().ToUpperInvariant() : "";
                // ONSPD writes E99999999 (S…, W…) where there is no county: the district is then the upper tier.
                var upperTier = county.Length == 9 && !county.EndsWith("99999999", StringComparison.Ordinal) ? county : district;
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(key, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(easting, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(northing, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(district, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(upperTier, NpgsqlDbType.Text, cancellationToken);
                loaded++;
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var swap = connection.CreateCommand())
        {
            swap.CommandText = """
                DELETE FROM reference_postcodes;
                INSERT INTO reference_postcodes SELECT DISTINCT ON (key) * FROM loaded_postcodes ORDER BY key;
                """;
            await swap.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new Loaded(loaded, skipped);
    }
}
