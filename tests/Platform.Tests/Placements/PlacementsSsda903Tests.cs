using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Security;

namespace Platform.Tests.Placements;

/// <summary>
/// Placements: SSDA903 returns as case systems export them (one CSV per DfE table, uploaded together). Each test that
/// stores uses its own collection year (2009-10 errors, 2001-02 round trip, 2013-14 bulk): an export includes every
/// episode open in the year, and no other test records placements then. Validation stores nothing, so the 2025-26
/// tests can share the year.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class PlacementsSsda903Tests(PlatformFixture platform)
{
    private const string HeaderColumns = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    private const string EpisodeColumns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

    private sealed record ImportDto(int CollectionYear, int Children, int Episodes, int ChildrenLeftOut, int FindingCount);

    [Fact]
    public async Task A_clean_2025_26_return_as_a_case_system_exports_it_validates_with_no_findings()
    {
        // SEX M/F, full postcodes (found in the council's postcode reference), K3 supported accommodation for a 16-year-old,
        // the 2025-26 "other" placements Z11–Z14 (no provider, no URN), codes in lower case in places, columns in another
        // order than the DfE's.
        var p = Prefix();
        var header = $"""
            DOB,CHILD,SEX,ETHNIC,UPN,MOTHER,MC_DOB
            14/03/2012,{p}1,M,WBRI,UN2,,
            20/11/2008,{p}2,f,mwbc,UN2,0,
            05/07/2008,{p}3,F,WBRI,UN2,0,
            01/01/2013,{p}4,M,bafr,UN2,,
            """;
        var episodes = $"""
            {EpisodeColumns}
            {p}1,02/05/2025,S,C1,N1,U6,PR1,15/09/2025,X1,CARPL,ST1 1BQ,ST1 1DN,SC100001
            {p}1,15/09/2025,P,C1,N1,u4,pr4,,,,st1 1bq,ST1 2YJ,SC100002
            {p}2,10/01/2025,S,C2,N5,K3,PR4,20/06/2025,X1,CHILD,ST1 3QH,ST1 5DR,SC123456
            {p}2,20/06/2025,P,C2,N5,Z11,,01/02/2026,E13,,ST1 3QH,ST1 6ED,
            {p}3,01/04/2025,S,V2,N8,Z12,,12/08/2025,X1,OTHER,ST1 7DP,B13 1PX,
            {p}3,12/08/2025,P,V2,N8,Z13,,16/12/2025,X1,PLACE,ST1 7DP,B13 2HE,
            {p}3,16/12/2025,P,V2,N8,Z14,,,,,ST1 7DP,B13 1PX,
            {p}4,05/06/2025,s,c1,n1,U6,PR1,30/11/2025,E13,,ST1 7LL,ST1 1BQ,SC100003
            """;
        await Ssda903DifferentialTests.LoadPostcodeReferenceAsync(platform.Gateway);
        using var response = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2025/validate",
            Upload(("header.csv", header), ("episodes.csv", episodes)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body} {ServiceErrors()}");
        using var result = JsonDocument.Parse(body);
        Assert.Equal("2025-26", result.RootElement.GetProperty("specification").GetString());
        Assert.Equal(4, result.RootElement.GetProperty("children").GetInt32());
        Assert.True(result.RootElement.GetProperty("findingCount").GetInt32() == 0, body);
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "children", $"child_id LIKE '{p}%'"));
    }

    [Fact]
    public async Task Every_finding_is_reported_with_rule_table_and_file_row_and_an_import_with_findings_stores_nothing()
    {
        var p = Prefix();
        var header = $"""
            {HeaderColumns}
            {p}1,1,01/02/2008,WBRI,UN2,,
            {p}2,2,15/06/2008,WBRI,UN1,,
            {p}3,1,15/06/2008,XXXX,UN1,,
            {p}4,1,15/06/2008,WBRI,UN1,,
            {p}5,1,15/06/2008,WBRI,UN1,,
            {p}6,M,15/06/2008,WBRI,UN1,,
            {p}7,1,15/06/2008,WBRI,UN1,,
            """;
        var episodes = $"""
            {EpisodeColumns}
            {p}1,01/05/2009,S,C2,N1,U6,PR1,01/03/2010,E4A,,ST1 1BQ,ST1 1DN,SC123456
            {p}2,01/06/2009,S,W1,N9,U4,PR1,,,,ST4,ST4,
            {p}3,31/02/2009,S,C2,N1,Q1,PR1,,,,,,
            {p}4,01/05/2009,S,C2,N1,K2,,,,,,,
            {p}5,01/05/2009,S,C2,N1,U6,PR1,01/07/2009,X1,CARPL,,,
            {p}5,10/07/2009,P,C2,N1,U4,PR4,01/05/2010,E4A,,,,
            {p}6,01/05/2009,S,C2,N1,U6,PR1,01/09/2009,X1,CARPL,,,
            {p}6,01/08/2009,P,C2,N1,U4,PR4,,,,,,
            {p}7,01/05/2009,S,C2,N1,U6,PR1,01/05/2009,E4A,,,,
            """;
        var upload = (("header.csv", header), ("episodes.csv", episodes));
        await Ssda903DifferentialTests.LoadPostcodeReferenceAsync(platform.Gateway);

        using var validated = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2009/validate", Upload(upload.Item1, upload.Item2));
        var body = await validated.Content.ReadAsStringAsync();
        Assert.True(validated.StatusCode == HttpStatusCode.OK, $"{(int)validated.StatusCode}: {body} {ServiceErrors()}");
        using var result = JsonDocument.Parse(body);
        var reported = result.RootElement.GetProperty("findings").EnumerateArray()
            .Select(e => (Table: e.GetProperty("table").GetString(), Row: e.GetProperty("row").GetInt32(), Rule: e.GetProperty("rule").GetString()))
            .ToHashSet();
        // Rows are file lines (the column header is line 1).
        var expected = new[]
        {
            ("Header", 4, "103"),     // unknown ethnicity code
            ("Header", 7, "101"),     // M is a SEX code from 2024-25 only; 2009-10 used 1 and 2
            ("Episodes", 3, "144"),   // W1 (wardship) is no longer a legal status
            ("Episodes", 3, "145"),   // N9 is not a category of need
            ("Episodes", 4, "141"),   // 31 February is not a date
            ("Episodes", 4, "146"),   // Q1 is an old foster code, replaced by U1–U6
            ("Episodes", 5, "526"),   // a children's home (K2) needs a provider
            ("Episodes", 7, "433"),   // a move (RNE P) nine days after the previous episode ended: a gap
            ("Episodes", 6, "388"),   // ... so X1 ("a new episode begins the same day") has no continuation
            ("Episodes", 7, "385"),   // ... and the move ended after the collection year (31/03/2010)
            ("Episodes", 9, "501"),   // a move dated before the previous episode ended: an overlap
            ("Episodes", 10, "355"),  // ceased the day it started
        };
        foreach (var finding in expected) Assert.True(reported.Contains(finding), $"expected {finding} in {body}");
        Assert.DoesNotContain(reported, f => f.Row == 2); // the first child is valid
        Assert.Equal(reported.Count, result.RootElement.GetProperty("findingCount").GetInt32());
        var summary = result.RootElement.GetProperty("summary").EnumerateArray().ToDictionary(s => s.GetProperty("rule").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(1, summary["501"]);

        // The same findings as a CSV download, one line each.
        using var csv = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2009/validate?format=csv", Upload(upload.Item1, upload.Item2));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rule,table,row,child,fields,message", lines[0]);
        Assert.Equal(reported.Count, lines.Length - 1);

        // Paged: two at a time, the third page starts at the fifth finding.
        using var page = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2009/validate?offset=4&limit=2", Upload(upload.Item1, upload.Item2));
        using var paged = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
        Assert.Equal(2, paged.RootElement.GetProperty("findings").GetArrayLength());

        // The import refuses the return and stores nothing, not even the valid child.
        using var refused = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2009", Upload(upload.Item1, upload.Item2));
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, refusal);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "children", $"child_id LIKE '{p}%'"));
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes", $"child_id LIKE '{p}%'"));

        // Asked for a partial load, only the child without findings is stored.
        using var partial = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2009?partial=true", Upload(upload.Item1, upload.Item2));
        var loaded = await partial.ReadAsync<ImportDto>();
        Assert.Equal((1, 1, 6), (loaded.Children, loaded.Episodes, loaded.ChildrenLeftOut));
        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "children", $"child_id LIKE '{p}%'"));
    }

    [Fact]
    public async Task An_imported_return_exported_again_is_identical()
    {
        var p = Prefix();
        // 2001-02 (numeric SEX then): a move with its reason; a young mother's placement carried in from 1999 whose legal
        // status changes (RNE L); a child's move out of the area to a temporary placement (no provider, no reason) and
        // back, then ceased (E8); a baby who went to relatives. Valid under every rule, with the postcode reference loaded.
        var header = $"""
            {HeaderColumns}
            {p}01,1,14/03/1996,WBRI,A123456789012,,
            {p}02,2,20/11/1985,MWBC,UN2,1,03/03/2001
            {p}03,1,05/07/1994,WBRI,UN2,,
            {p}04,2,01/01/2001,BAFR,UN2,0,

            """;
        var episodes = $"""
            {EpisodeColumns}
            {p}01,02/05/2001,S,C1,N1,U6,PR1,15/09/2001,X1,CARPL,ST1 1BQ,ST1 1DN,SC100001
            {p}01,15/09/2001,P,C1,N1,U4,PR4,20/03/2002,E4A,,ST1 1BQ,ST1 2YJ,SC100002
            {p}02,10/01/1999,S,C1,N5,U4,PR1,20/06/2001,X1,,ST1 3QH,ST1 5DR,SC100003
            {p}02,20/06/2001,L,C2,N5,U4,PR1,01/02/2002,E41,,ST1 3QH,ST1 5DR,SC100003
            {p}03,01/04/2001,S,V2,N8,K2,PR4,12/08/2001,X1,,ST1 6ED,B13 1PX,SC765432
            {p}03,12/08/2001,P,V2,N8,T4,,16/08/2001,X1,,ST1 6ED,B13 2HE,
            {p}03,16/08/2001,P,V2,N8,K2,PR4,28/02/2002,E8,,ST1 6ED,B13 1PX,SC765432
            {p}04,05/06/2001,S,C1,N1,U6,PR1,30/11/2001,E13,,ST1 7DP,ST1 7LL,SC100004

            """;
        await Ssda903DifferentialTests.LoadPostcodeReferenceAsync(platform.Gateway);
        HttpResponseMessage imported;
        try
        {
            imported = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2001",
                Upload(("header.csv", header.Replace("\r\n", "\n", StringComparison.Ordinal)), ("episodes.csv", episodes.Replace("\r\n", "\n", StringComparison.Ordinal))));
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException(ex.Message + " " + ServiceErrors(), ex);
        }
        var text = await imported.Content.ReadAsStringAsync();
        Assert.True(imported.StatusCode == HttpStatusCode.OK, $"{(int)imported.StatusCode}: {text} {ServiceErrors()}");
        var result = JsonSerializer.Deserialize<ImportDto>(text, JsonSerializerOptions.Web)!;
        Assert.Equal((4, 8, 0), (result.Children, result.Episodes, result.FindingCount));

        using var exported = await platform.Gateway.GetAsync("/api/placements/ssda903/returns/2001");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("application/zip", exported.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await exported.Content.ReadAsStreamAsync());
        Assert.Equal(["episodes.csv", "header.csv"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(header.Replace("\r\n", "\n", StringComparison.Ordinal), Read(zip, "header.csv"));
        Assert.Equal(episodes.Replace("\r\n", "\n", StringComparison.Ordinal), Read(zip, "episodes.csv"));
    }

    [Fact]
    public async Task Child_level_data_is_for_the_roles_that_need_it_and_every_import_export_and_read_of_it_is_audited()
    {
        var p = Prefix();
        var officerName = $"placements-officer-{Guid.NewGuid():N}"[..28];
        var header = $"{HeaderColumns}\n{p}01,1,14/03/1996,WBRI,A123456789012,,\n";
        var episodes = $"{EpisodeColumns}\n{p}01,02/05/2003,S,C1,N1,U6,PR1,20/03/2004,E4A,,ST1 1BQ,ST1 1DN,SC100001\n";
        await Ssda903DifferentialTests.LoadPostcodeReferenceAsync(platform.Gateway);
        using var officer = platform.CreateClient(PlatformRoles.PlacementsOfficer, officerName);
        using var readOnly = platform.CreateClient(PlatformRoles.ReadOnlyOperator, "operator-903");
        using var improvementLead = platform.CreateClient(PlatformRoles.ImprovementLead, "lead-903");

        using var imported = await officer.PostAsync("/api/placements/ssda903/returns/2003", Upload(("header.csv", header), ("episodes.csv", episodes)));
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

        // Only platform admins and placements officers see a child or the return; the others get 403 and no data.
        foreach (var other in new[] { readOnly, improvementLead })
        {
            foreach (var path in new[] { "/api/placements/ssda903/returns/2003", "/api/placements/ssda903/returns/2003/tables/header", $"/api/placements/children/{p}01", $"/api/placements/children/{p}01/episodes" })
            {
                using var refused = await other.GetAsync(path);
                Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)refused.StatusCode}");
                Assert.DoesNotContain(p, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        using (var export = await officer.GetAsync("/api/placements/ssda903/returns/2003")) Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var child = await officer.GetAsync($"/api/placements/children/{p}01")) Assert.Equal(HttpStatusCode.OK, child.StatusCode);
        using (var history = await officer.GetAsync($"/api/placements/children/{p}01/episodes")) Assert.Equal(HttpStatusCode.OK, history.StatusCode);

        // The audit trail says who imported, exported and read, when, through which request and how many children.
        using var trail = await platform.Gateway.GetAsync($"/api/placements/audit?subject={officerName}&entity=Child&pageSize=50");
        var entries = JsonDocument.Parse(await trail.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Count: e.GetProperty("count").GetInt32(), Request: e.GetProperty("request").GetString(),
                Keys: e.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ToList()))
            .ToList();
        Assert.Contains(entries, e => e is { Action: "imported", Count: 1, Request: "POST /ssda903/returns/2003" });
        Assert.Contains(entries, e => e is { Action: "exported", Request: "GET /ssda903/returns/2003" } && e.Count >= 1);
        Assert.Equal(2, entries.Count(e => e.Action == "read" && e.Keys.Contains($"{p}01")));
        Assert.DoesNotContain(entries, e => e.Request?.Contains(p, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("empty", 400, "is empty")]
    [InlineData("binary", 400, "not a CSV text file")]
    [InlineData("gzip", 400, "gzip")]
    [InlineData("semicolons", 400, "not comma-separated")]
    [InlineData("no-episodes", 422, "no Episodes table")]
    [InlineData("two-headers", 422, "both the Header table")]
    [InlineData("short-row", 422, "line 3 has 3 field(s)")]
    [InlineData("long-row", 422, "line 2 has 14 field(s)")]
    [InlineData("unknown-table", 422, "is not a 903 table")]
    public async Task A_malformed_upload_is_refused_with_a_problem_that_says_what_is_wrong_and_nothing_is_stored(string kind, int status, string says)
    {
        var p = Prefix();
        var header = $"{HeaderColumns}\n{p}1,1,01/02/2008,WBRI,UN1,,\n";
        var episodes = $"{EpisodeColumns}\n{p}1,01/05/2009,S,C2,N1,U6,PR1,01/03/2010,E4A,,ST4,ST6,\n";
        HttpContent content = kind switch
        {
            "empty" => Upload(("header.csv", ""), ("episodes.csv", episodes)),
            "binary" => Upload(("header.csv", header), ("episodes.csv", "\0\u0001\u0002binary\0\n")),
            "gzip" => Bytes(Gzip(header)),
            "semicolons" => Upload(("header.csv", header.Replace(',', ';')), ("episodes.csv", episodes)),
            "no-episodes" => Upload(("header.csv", header)),
            "two-headers" => Upload(("header.csv", header), ("header2.csv", header), ("episodes.csv", episodes)),
            "short-row" => Upload(("header.csv", header + $"{p}2,1,01/02/2008\n"), ("episodes.csv", episodes)),
            "long-row" => Upload(("header.csv", header), ("episodes.csv", episodes.Replace(",\n", ",,\n", StringComparison.Ordinal))),
            _ => Upload(("header.csv", header), ("episodes.csv", episodes), ("notes.csv", "CHILD,NOTE\nX,y\n")),
        };
        using var response = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2009", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, body, StringComparison.Ordinal);
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "children", $"child_id LIKE '{p}%'"));
    }

    [Fact]
    public async Task A_100000_episode_return_is_streamed_and_bulk_inserted()
    {
        // 25,000 children × 4 episodes in 2013-14, generated while it is sent (multipart, chunked, so neither side holds
        // the file). About 8 MB through the gateway: the import route has its own 256 MiB limit, every other route 1 MiB.
        const int children = 25_000;
        var p = Prefix()[..5];
        static string D(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        using var content = new MultipartFormDataContent
        {
            {
                new GeneratedContent(async writer =>
                {
                    await writer.WriteAsync(HeaderColumns + "\n");
                    for (var i = 0; i < children; i++)
                    {
                        await writer.WriteAsync($"{p}{i:D5},{1 + (i % 2)},{D(new DateOnly(2002 + (i % 10), 1 + (i % 12), 1 + (i % 28)))},WBRI,UN2,{(i % 2 == 1 ? "0" : "")},\n");
                    }
                }), "header", "header.csv"
            },
            {
                new GeneratedContent(async writer =>
                {
                    await writer.WriteAsync(EpisodeColumns + "\n");
                    var yearStart = new DateOnly(2013, 4, 1);
                    for (var i = 0; i < children; i++)
                    {
                        var child = $"{p}{i:D5}";
                        var start = yearStart.AddDays(i % 200);
                        await writer.WriteAsync($"{child},{D(start)},S,C2,N1,U6,PR1,{D(start.AddDays(30))},X1,CARPL,ST1 1BQ,ST1 1DN,SC100001\n");
                        await writer.WriteAsync($"{child},{D(start.AddDays(30))},P,C2,N1,U4,PR4,{D(start.AddDays(60))},X1,CREQB,ST1 1BQ,ST1 2YJ,SC100002\n");
                        await writer.WriteAsync($"{child},{D(start.AddDays(60))},P,C2,N1,K2,PR4,{D(start.AddDays(90))},X1,CHILD,ST1 1BQ,ST1 3QH,SC123456\n");
                        await writer.WriteAsync($"{child},{D(start.AddDays(90))},P,C2,N1,U4,PR1,{D(start.AddDays(120))},E4A,,ST1 1BQ,ST1 5DR,SC100003\n");
                    }
                }), "episodes", "episodes.csv"
            },
        };
        await Ssda903DifferentialTests.LoadPostcodeReferenceAsync(platform.Gateway);
        using var response = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2013", content);
        var result = await response.ReadAsync<ImportDto>();
        Assert.Equal((children, 100_000, 0), (result.Children, result.Episodes, result.FindingCount));
        Assert.Equal(100_000, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes", $"child_id LIKE '{p}%'"));
        // What the import stores beside the codes (read while staging): both postcodes in full and their districts, the
        // dates, and a weekly cost from the rate card (U4 with PR4, an agency foster placement, has one).
        Assert.Equal(100_000, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes",
            $"child_id LIKE '{p}%' AND home_postcode = 'ST1 1BQ' AND home_postcode_district = 'ST1' AND postcode_district = 'ST1' AND end_date = start_date + 30"));
        Assert.Equal(children, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes",
            $"child_id LIKE '{p}%' AND placement_postcode = 'ST1 5DR' AND reason_episode_ceased = 'E4A' AND reason_for_placement_change IS NULL"));
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes", $"child_id LIKE '{p}%' AND weekly_cost = 0"));
        Assert.Equal(children / 2, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "children",
            $"child_id LIKE '{p}%' AND sex = 'F' AND is_mother = false AND date_of_birth IS NOT NULL"));
    }

    /// <summary>The errors the Placements service and the gateway logged, for a failing test's message.</summary>
    private string ServiceErrors() =>
        string.Join("\n", platform.CapturedLogs.Records.Where(r => r.StartsWith("Error", StringComparison.Ordinal) || r.StartsWith("Critical", StringComparison.Ordinal)).TakeLast(5));

    private static MultipartFormDataContent Upload(params (string Name, string Csv)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, csv) in files)
        {
            var part = new StringContent(csv.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false), "text/csv");
            content.Add(part, Path.GetFileNameWithoutExtension(name), name);
        }
        return content;
    }

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A 7-character child id prefix no other test uses.</summary>
    private static string Prefix() => $"F{Random.Shared.Next(0, 999_999):D6}"[..7];

    /// <summary>A request body written while it is sent, without a length (chunked transfer).</summary>
    private sealed class GeneratedContent : HttpContent
    {
        private readonly Func<StreamWriter, Task> _write;

        public GeneratedContent(Func<StreamWriter, Task> write)
        {
            _write = write;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            await _write(writer);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
