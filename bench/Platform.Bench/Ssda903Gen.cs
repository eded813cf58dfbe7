using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Platform.Bench;

/// <summary>
/// Synthetic, valid SSDA903 returns as case systems export them (a Header and an Episodes table): <c>children</c>
/// children × 4 episodes in one collection year (an admission, two moves, a move that ends with the child ceasing to be
/// looked after). Child ids are a 5-character prefix and a 5-digit number, so ids never collide between files with
/// different prefixes.
/// </summary>
public static class Ssda903Gen
{
    public const string HeaderColumns = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";

    public const string EpisodeColumns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

    public static IEnumerable<string> HeaderLines(string prefix, int children, int year)
    {
        yield return HeaderColumns;
        var numericSex = year < 2024;
        for (var i = 0; i < children; i++)
        {
            var sex = i % 2 == 0 ? (numericSex ? "1" : "M") : (numericSex ? "2" : "F");
            yield return $"{prefix}{i:D5},{sex},{D(new DateOnly(year - 11 + (i % 10), 1 + (i % 12), 1 + (i % 28)))},WBRI,UN2,{(i % 2 == 1 ? "0" : "")},";
        }
    }

    public static IEnumerable<string> EpisodeLines(string prefix, int children, int year)
    {
        yield return EpisodeColumns;
        var yearStart = new DateOnly(year, 4, 1);
        for (var i = 0; i < children; i++)
        {
            var child = $"{prefix}{i:D5}";
            var start = yearStart.AddDays(i % 200);
            yield return $"{child},{D(start)},S,C2,N1,U6,PR1,{D(start.AddDays(30))},X1,CARPL,ST1 1BQ,ST1 1DN,SC100001";
            yield return $"{child},{D(start.AddDays(30))},P,C2,N1,U4,PR4,{D(start.AddDays(60))},X1,CREQB,ST1 1BQ,ST1 2YJ,SC100002";
            yield return $"{child},{D(start.AddDays(60))},P,C2,N1,K2,PR4,{D(start.AddDays(90))},X1,CHILD,ST1 1BQ,ST1 3QH,SC123456";
            yield return $"{child},{D(start.AddDays(90))},P,C2,N1,U4,PR1,{D(start.AddDays(120))},E4A,,ST1 1BQ,ST1 5DR,SC100003";
        }
    }

    private static string D(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static int _next = Random.Shared.Next(0, 5_000);

    /// <summary>A 5-character prefix no other file of this run uses.</summary>
    public static string Prefix() => "B" + (Interlocked.Increment(ref _next) % 10_000).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>POSTs a generated return to the Placements service (multipart, streamed); returns the episodes loaded.</summary>
    public static async Task<int> ImportAsync(HttpClient http, string baseUrl, string prefix, int children, int year)
    {
        using var content = new MultipartFormDataContent
        {
            { new LinesContent(HeaderLines(prefix, children, year)), "header", "header.csv" },
            { new LinesContent(EpisodeLines(prefix, children, year)), "episodes", "episodes.csv" },
        };
        using var response = await http.PostAsync($"{baseUrl}/ssda903/returns/{year}", content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"903 import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("episodes").GetInt32();
    }

    /// <summary>POSTs a generated return to the validate route (staged, read back and checked; nothing stored); returns the findings.</summary>
    public static async Task<int> ValidateAsync(HttpClient http, string baseUrl, string prefix, int children, int year)
    {
        using var content = new MultipartFormDataContent
        {
            { new LinesContent(HeaderLines(prefix, children, year)), "header", "header.csv" },
            { new LinesContent(EpisodeLines(prefix, children, year)), "episodes", "episodes.csv" },
        };
        using var response = await http.PostAsync($"{baseUrl}/ssda903/returns/{year}/validate", content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"903 validation answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("findingCount").GetInt32();
    }

    private sealed class LinesContent : HttpContent
    {
        private readonly IEnumerable<string> _lines;

        public LinesContent(IEnumerable<string> lines)
        {
            _lines = lines;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var writer = new StreamWriter(stream, bufferSize: 64 * 1024, leaveOpen: true);
            foreach (var line in _lines) await writer.WriteAsync(line + "\n");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
