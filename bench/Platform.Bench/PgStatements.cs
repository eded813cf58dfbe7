using System.Globalization;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// Where PostgreSQL's time goes during a measurement: <c>pg_stat_statements</c> (loaded by ./platform's PostgreSQL
/// configuration) is reset before and read after it. Statements are normalised ($1, $2 …), so no data values
/// (and no child's details) reach the report.
/// </summary>
public static class PgStatements
{
    public static async Task ResetAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(Env.Pg());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException ex)
        {
            Log.Say("pg_stat_statements unavailable: " + ex.MessageText);
        }
    }

    /// <summary>Writes the statements that took the most execution time since the last reset.</summary>
    public static async Task WriteTopAsync(Report report, string during, int top = 8)
    {
        var rows = new List<string[]>();
        double total = 0;
        long calls = 0;
        try
        {
            await using var connection = new NpgsqlConnection(Env.Pg());
            await connection.OpenAsync();
            await using (var sum = new NpgsqlCommand("SELECT coalesce(sum(total_exec_time), 0), coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname <> 'platform_admin'", connection))
            await using (var reader = await sum.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                total = reader.GetDouble(0);
                calls = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
            await using var command = new NpgsqlCommand($"""
                SELECT d.datname, s.calls, s.total_exec_time, s.mean_exec_time, s.rows,
                       left(regexp_replace(s.query, '\s+', ' ', 'g'), 140)
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname <> 'platform_admin'
                ORDER BY s.total_exec_time DESC
                LIMIT {top}
                """, connection);
            await using var rowsReader = await command.ExecuteReaderAsync();
            while (await rowsReader.ReadAsync())
            {
                var exec = rowsReader.GetDouble(2);
                rows.Add([
                    rowsReader.GetString(0),
                    "`" + rowsReader.GetString(5).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal) + "`",
                    Convert.ToInt64(rowsReader.GetValue(1), CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture),
                    exec.ToString("N0", CultureInfo.InvariantCulture),
                    rowsReader.GetDouble(3).ToString("N2", CultureInfo.InvariantCulture),
                    total > 0 ? (exec / total).ToString("P0", CultureInfo.InvariantCulture) : "",
                ]);
            }
        }
        catch (PostgresException ex)
        {
            report.Line($"PostgreSQL statements during {during}: not available ({ex.MessageText}).");
            report.Line();
            return;
        }
        report.Line($"PostgreSQL time by statement during {during} (`pg_stat_statements`, top-level statements of the services' databases: " +
                    $"{calls:N0} calls, {total / 1000:N1} s of execution in all; COMMIT's time includes its WAL flush):");
        report.Line();
        report.Table("database", "statement (normalised)", "calls", "total ms", "mean ms", "share");
        foreach (var row in rows) report.Row(row);
        report.Line();
    }
}
