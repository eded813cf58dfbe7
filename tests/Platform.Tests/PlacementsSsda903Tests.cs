using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.Tests;

/// <summary>
/// Placements: SSDA903 episodes files. Each test uses its own collection year (2009-10 errors, 2001-02 round trip,
/// 2013-14 bulk). The round trip's year is early because an export includes every episode still open in the year:
/// no other test records a placement open in 2001-02.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class PlacementsSsda903Tests(PlatformFixture platform)
{
    private const string Header = "CHILD,SEX,DOB,ETHNIC,UASC,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

    private sealed record ImportDto(int CollectionYear, int Rows, int Children, int Episodes, int ErrorCount);

    [Fact]
    public async Task A_903_file_with_known_errors_is_reported_row_by_row_with_rule_numbers_and_nothing_is_stored()
    {
        var p = Prefix();
        var file = $"""
            {Header}
            {p}1,1,01/02/2008,WBRI,0,01/05/2009,S,C2,N1,U6,PR1,01/03/2010,E4A,,ST4,ST6,SC123456
            {p}2,2,15/06/2008,WBRI,0,01/06/2009,S,W1,N9,U4,PR1,,,,ST4,ST4,
            {p}3,1,15/06/2008,XXXX,0,31/02/2009,S,C2,N1,Q1,PR1,,,,,,
            {p}4,1,15/06/2008,WBRI,0,01/05/2009,S,C2,N1,K2,,,,,,,
            {p}5,1,15/06/2008,WBRI,0,01/05/2009,S,C2,N1,U6,PR1,01/07/2009,X1,CARPL,,,
            {p}5,1,15/06/2008,WBRI,0,10/07/2009,P,C2,N1,U4,PR4,,,,,,
            {p}6,2,15/06/2008,WBRI,0,01/05/2009,S,C2,N1,U6,PR1,01/09/2009,X1,CARPL,,,
            {p}6,2,15/06/2008,WBRI,0,01/08/2009,P,C2,N1,U4,PR4,,,,,,
            {p}7,1,15/06/2008,WBRI,0,01/05/2009,S,C2,N1,U6,PR1,01/05/2009,E4A,,,,

            """.Replace("\r\n", "\n", StringComparison.Ordinal);

        using var response = await ImportAsync(2009, file);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        var reported = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString(), Rule: e.GetProperty("rule").GetString()))
            .ToHashSet();

        // Row numbers are file lines (the header is line 1).
        var expected = new[]
        {
            (3, "LS", "144"),            // W1 (wardship) is no longer a legal status
            (3, "CIN", "145"),           // N9 is not a category of need
            (4, "ETHNIC", "103"),        // unknown ethnicity code
            (4, "DECOM", "141"),         // 31 February is not a date
            (4, "PLACE", "146"),         // Q1 is an old foster code, replaced by U1–U6
            (5, "PLACE_PROVIDER", "526"),// a children's home (K2) needs a provider
            (7, "DECOM", "433"),         // a move (RNE P) nine days after the previous episode ended: a gap
            (6, "REC", "388"),           // ... so X1 ("a new episode begins the same day") has no continuation
            (9, "DECOM", "501"),         // a move dated before the previous episode ended: an overlap
            (10, "DEC", "355"),          // ceased the day it started
        };
        foreach (var error in expected)
        {
            Assert.True(reported.Contains(error), $"expected {error} in {body}");
        }
        Assert.DoesNotContain(reported, e => e.Row == 2); // the first row is valid
        Assert.Equal(reported.Count, problem.RootElement.GetProperty("errorCount").GetInt32());

        // Nothing was stored, not even the valid child.
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "children", $"child_id LIKE '{p}%'"));
        Assert.Equal(0, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes", $"child_id LIKE '{p}%'"));

        // Asked for a partial load, only the children without errors are stored.
        using var partial = await ImportAsync(2009, file, partial: true);
        var loaded = await partial.ReadAsync<ImportDto>();
        Assert.Equal((1, 1), (loaded.Children, loaded.Episodes));
        Assert.Equal(1, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "children", $"child_id LIKE '{p}%'"));
    }

    [Fact]
    public async Task An_imported_903_file_exported_again_is_identical()
    {
        var p = Prefix();
        // 2001-02: a move with its reason; a placement carried in from 1999 whose legal status changes (RNE L); a UASC
        // child's move to a temporary placement (no provider, no reason) and back, then ceased (E8); a baby who went to
        // relatives. Every episode ends within the year, so the indicators' worked example (2005-06) does not see them.
        var file = $"""
            {Header}
            {p}01,1,14/03/1996,WBRI,0,02/05/2001,S,C1,N1,U6,PR1,15/09/2001,X1,CARPL,ST4,ST6,
            {p}01,1,14/03/1996,WBRI,0,15/09/2001,P,C2,N1,U4,PR4,20/03/2002,E4A,,ST4,ST3,
            {p}02,2,20/11/1992,MWBC,0,10/01/1999,S,C1,N5,U4,PR1,20/06/2001,X1,,ST1,ST1,
            {p}02,2,20/11/1992,MWBC,0,20/06/2001,L,C2,N5,U4,PR1,01/02/2002,E41,,ST1,ST1,
            {p}03,1,05/07/1994,WBRI,1,01/04/2001,S,V2,N8,K2,PR4,12/08/2001,X1,,ST4,B12,SC765432
            {p}03,1,05/07/1994,WBRI,1,12/08/2001,P,V2,N8,T4,,16/08/2001,X1,,ST4,B12,
            {p}03,1,05/07/1994,WBRI,1,16/08/2001,P,V2,N8,K2,PR4,28/02/2002,E8,,ST4,B12,SC765432
            {p}04,2,01/01/2001,BAFR,0,05/06/2001,S,C1,N1,U6,PR1,30/11/2001,E13,,ST5,ST5,

            """.Replace("\r\n", "\n", StringComparison.Ordinal);

        using var imported = await ImportAsync(2001, file);
        var result = await imported.ReadAsync<ImportDto>();
        Assert.Equal((8, 4, 8, 0), (result.Rows, result.Children, result.Episodes, result.ErrorCount));

        using var exported = await platform.Gateway.GetAsync("/api/placements/ssda903/returns/2001/episodes");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("text/csv", exported.Content.Headers.ContentType?.MediaType);
        Assert.Equal(file, await exported.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_100000_episode_file_is_streamed_and_bulk_inserted()
    {
        // 25,000 children × 4 episodes in 2013-14, generated while it is sent (chunked, so neither side holds the file).
        // Sent to the service directly: the gateway accepts bodies up to 1 MiB, and this file is about 8 MB.
        const int children = 25_000;
        var p = Prefix()[..5];
        using var client = platform.PlacementsDirect();
        using var content = new GeneratedContent(async writer =>
        {
            await writer.WriteAsync(Header + "\n");
            var yearStart = new DateOnly(2013, 4, 1);
            for (var i = 0; i < children; i++)
            {
                var child = $"{p}{i:D5}";
                var start = yearStart.AddDays(i % 200);
                string D(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
                var head = $"{child},{1 + (i % 2)},{D(new DateOnly(2002 + (i % 10), 1 + (i % 12), 1 + (i % 28)))},WBRI,0";
                await writer.WriteAsync($"{head},{D(start)},S,C1,N1,U6,PR1,{D(start.AddDays(30))},X1,CARPL,ST4,ST6,\n");
                await writer.WriteAsync($"{head},{D(start.AddDays(30))},P,C2,N1,U4,PR4,{D(start.AddDays(60))},X1,CREQB,ST4,ST3,\n");
                await writer.WriteAsync($"{head},{D(start.AddDays(60))},P,C2,N1,K2,PR4,{D(start.AddDays(90))},X1,CHILD,ST4,ST1,SC123456\n");
                await writer.WriteAsync($"{head},{D(start.AddDays(90))},P,C2,N1,U4,PR1,{D(start.AddDays(120))},E4A,,ST4,ST4,\n");
            }
        });
        using var response = await client.PostAsync("/ssda903/returns/2013/episodes", content);
        var result = await response.ReadAsync<ImportDto>();
        Assert.Equal((100_000, children, 100_000, 0), (result.Rows, result.Children, result.Episodes, result.ErrorCount));
        Assert.Equal(100_000, await PlatformFixture.CountRowsAsync(platform.PlacementsDb, "episodes", $"child_id LIKE '{p}%'"));
    }

    private Task<HttpResponseMessage> ImportAsync(int year, string csv, bool partial = false)
    {
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return platform.Gateway.PostAsync($"/api/placements/ssda903/returns/{year}/episodes{(partial ? "?partial=true" : "")}", content);
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
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
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
