using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Bench;

/// <summary>
/// Section 4: the 903 import (streamed, fully validated, binary COPY, sequence rules, events) against a plain binary
/// COPY of the same rows, and the Placements process's peak RSS for 10k vs 100k episodes.
/// </summary>
public static class Import
{
    public static async Task RunAsync(Report report)
    {
        var reps = Env.Reps;
        var pid = Env.Pid("placements");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Env.Token);
        var url = Env.Url("placements");

        var import100 = new List<double>();
        var copy100 = new List<double>();
        var validate100 = new List<double>();
        var peak10 = new List<double>();
        var peak100 = new List<double>();
        var idle = new List<double>();
        // --quick: 10,000 against 50,000 episodes instead of 100,000.
        var large = Env.Quick ? 12_500 : 25_000;
        var statements = new Report();
        for (var rep = 1; rep <= reps; rep++)
        {
            Log.Say($"903 import rep {rep}/{reps}");
            foreach (var children in new[] { 2_500, large })
            {
                if (rep == reps && children == large) await PgStatements.ResetAsync();
                idle.Add(RssMib(pid, "VmRSS"));
                ResetPeak(pid);
                var clock = Stopwatch.StartNew();
                var episodes = await Ssda903Gen.ImportAsync(http, url, Ssda903Gen.Prefix(), children, 2013);
                var seconds = clock.Elapsed.TotalSeconds;
                if (episodes != children * 4) throw new InvalidOperationException($"import loaded {episodes} episodes, expected {children * 4}");
                var peak = RssMib(pid, "VmHWM");
                (children == 2_500 ? peak10 : peak100).Add(peak);
                if (children == large) import100.Add(seconds);
                if (rep == reps && children == large) await PgStatements.WriteTopAsync(statements, $"the last repetition's {children * 4:N0}-episode import");
                Log.Say($"import of {episodes:N0} episodes: {seconds:N1} s, peak RSS {peak:N0} MiB");
            }
            // The part of the import no store can remove: staging, reading back and checking the same size of return.
            var validateClock = Stopwatch.StartNew();
            var findings = await Ssda903Gen.ValidateAsync(http, url, Ssda903Gen.Prefix(), large, 2013);
            validate100.Add(validateClock.Elapsed.TotalSeconds);
            if (findings != 0) throw new InvalidOperationException($"validation of the generated return reported {findings} findings");
            copy100.Add(await CopyAsync(large));
        }

        var imp = new Stat(import100);
        var copy = new Stat(copy100);
        var ratio = imp.Median / copy.Median;
        var p10 = new Stat(peak10);
        var p100 = new Stat(peak100);
        report.Heading("4. SSDA903 import");
        var n = large * 4;
        report.Line($"A generated, valid 903 return ({large:N0} children × 4 episodes in 2013-14: a Header and an Episodes table, about {n / 11_000:N0} MB) " +
                    "is streamed (multipart, chunked) to the Placements service's `POST /ssda903/returns/2013`: every row binary-COPYed to a temporary table, " +
                    "read back one child at a time and checked against every DfE rule of the collection, the episodes and children inserted and the events " +
                    $"queued, in one transaction. Baseline: the same {n:N0} episode rows parsed from the same CSV text and binary-COPYed, without validation, " +
                    "into a table of the same 14 columns (one transaction). The same size of return sent to `…/validate` (staged, read back and checked, " +
                    "nothing stored) shows the part of the import that no way of storing can remove. Peak memory: the Placements process's VmHWM (reset through " +
                    "`/proc/<pid>/clear_refs` before each import), against its RSS just before.");
        report.Line();
        report.Table("figure", "median (min / max, n)", "baseline", "ratio", "target");
        report.Row($"import of {n:N0} episodes with full validation", imp.Format("s", 2), "binary COPY " + copy.Format("s", 2),
            ratio.ToString("0.0×", CultureInfo.InvariantCulture), "≤ 3× COPY: " + Report.Met(ratio <= 3));
        var validation = new Stat(validate100);
        report.Row($"of which no store can remove: validation alone of {n:N0} episodes (`…/validate`: staged, read back, checked, nothing stored)",
            validation.Format("s", 2), "binary COPY " + copy.Format("s", 2), (validation.Median / copy.Median).ToString("0.0×", CultureInfo.InvariantCulture), "");
        report.Row("peak RSS of Placements, 10,000-episode file", p10.Format("MiB", 0), "RSS before " + new Stat(idle).Format("MiB", 0), "", "");
        report.Row($"peak RSS of Placements, {n:N0}-episode file", p100.Format("MiB", 0), "10k file's peak", (p100.Median / p10.Median).ToString("0.00×", CultureInfo.InvariantCulture),
            $"flat in file size (≤ 1.25× for {n / 10_000}× the rows): " + Report.Met(p100.Median <= 1.25 * p10.Median));
        report.Line();
        report.Line(statements.ToString().TrimEnd());
    }

    private static double RssMib(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Resets the process's peak RSS (VmHWM) to its current RSS.</summary>
    private static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static async Task<double> CopyAsync(int children)
    {
        await Pipeline.EnsureBenchDatabaseAsync();
        await using var connection = new NpgsqlConnection(Env.Pg("benchdb"));
        await connection.OpenAsync();
        await using (var ddl = new NpgsqlCommand("""
            DROP TABLE IF EXISTS bench_import_rows;
            CREATE TABLE bench_import_rows (
                line int, child text, decom date, rne text, ls text, cin text,
                place text, provider text, dec date, rec text, rpc text, home_post text, pl_post text, urn text)
            """, connection))
        {
            await ddl.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bench_import_rows (line, child, decom, rne, ls, cin, place, provider, dec, rec, rpc, home_post, pl_post, urn) FROM STDIN (FORMAT BINARY)"))
        {
            var line = 0;
            foreach (var text in Ssda903Gen.EpisodeLines(Ssda903Gen.Prefix(), children, 2013).Skip(1))
            {
                line++;
                var f = text.Split(',');
                await copy.StartRowAsync();
                await copy.WriteAsync(line, NpgsqlDbType.Integer);
                await Text(copy, f[0]);
                await Day(copy, f[1]);
                for (var i = 2; i <= 6; i++) await Text(copy, f[i]);
                await Day(copy, f[7]);
                for (var i = 8; i <= 12; i++) await Text(copy, f[i]);
            }
            await copy.CompleteAsync();
        }
        await tx.CommitAsync();
        return clock.Elapsed.TotalSeconds;
    }

    private static Task Text(NpgsqlBinaryImporter copy, string value) =>
        value.Length == 0 ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Text);

    private static Task Day(NpgsqlBinaryImporter copy, string value) =>
        value.Length == 0 ? copy.WriteNullAsync() : copy.WriteAsync(DateOnly.ParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
}
