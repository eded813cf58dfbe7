using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Platform.Tests.Placements;

/// <summary>
/// The platform's 903 validation against the field's reference validator, case by case: tests/ssda903-corpus holds
/// generated 2025-26 returns (header.csv, episodes.csv) and, for each, the findings the reference
/// (data-to-insight/csc-validator-be-903 at 10ad07c513aa07bd8fffc928d57ae9918a70ae07, rule set lac2025_26) reported when
/// run once outside this suite. For every case the platform must report the same rule on the same row of the same table
/// — no more, no fewer — except the deliberate differences below (docs/placements.md says why for each).
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class Ssda903DifferentialTests(PlatformFixture platform)
{
    /// <summary>Where the platform deliberately differs from the reference: (case, rule) → why.</summary>
    private static readonly Dictionary<(string Case, string Rule), string> Deliberate = new()
    {
        [("seq-open-reason", "233")] = "the reference reads a column that does not exist and never reports 233; the platform applies the DfE's rule",
        [("eps-decom-unparseable-crash", "302")] = "the reference's rule crashes when a child has no readable DECOM; the platform checks the other children",
        [("eps-decom-unparseable-crash", "336")] = "as 302",
        [("hdr-duplicate-child-crash", "460")] = "the reference's rule crashes when a child is twice in Header",
        [("ls-file-order", "363")] = "the reference walks L3 episodes in file order; the platform in date order, as the rule means",
        [("ls-file-order", "364")] = "as 363, for J2",
        [("hdr-upn", "210")] = "the reference's check is inverted (it flags children looked after for less than a week); the platform applies the DfE's rule",
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(CorpusRoot(), "cases")).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(folder));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_platform_reports_the_reference_validators_findings_rule_by_rule_and_row_by_row(string name)
    {
        await LoadPostcodeReferenceAsync();
        var folder = Path.Combine(CorpusRoot(), "cases", name);
        using var response = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2025/validate", Upload(folder));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var result = JsonDocument.Parse(body);
        Assert.Empty(result.RootElement.GetProperty("notChecked").EnumerateArray());
        var reported = result.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("rule").GetString()!, Table: f.GetProperty("table").GetString()!, Row: f.GetProperty("row").GetInt32()))
            .ToHashSet();
        // expected.csv: rule,table,row,child with row the reference's 0-based data-row index (file line = row + 2).
        var expected = File.ReadAllLines(Path.Combine(folder, "expected.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')).Select(f => (Rule: f[0], Table: f[1], Row: int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture) + 2))
            .ToHashSet();

        bool Counts((string Rule, string Table, int Row) finding) => !Deliberate.ContainsKey((name, finding.Rule));
        var missing = expected.Where(Counts).Except(reported).Order().ToList();
        var extra = reported.Where(Counts).Except(expected).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{name}: the reference reported but the platform did not: {string.Join(" ", missing)}; the platform reported but the reference did not: {string.Join(" ", extra)}");
    }

    [Fact]
    public async Task A_clean_240_child_2025_26_return_imports_with_no_findings()
    {
        await LoadPostcodeReferenceAsync();
        var folder = Path.Combine(CorpusRoot(), "cases", "clean-large");
        using var response = await platform.Gateway.PostAsync("/api/placements/ssda903/returns/2025", Upload(folder));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var result = JsonDocument.Parse(body);
        Assert.Equal(240, result.RootElement.GetProperty("children").GetInt32());
        Assert.Equal(0, result.RootElement.GetProperty("findingCount").GetInt32());
        Assert.Equal(File.ReadLines(Path.Combine(folder, "episodes.csv")).Count() - 1, result.RootElement.GetProperty("episodes").GetInt32());
    }

    /// <summary>Loads the corpus's postcode reference (the same for every case; loading it again changes nothing).</summary>
    internal static async Task LoadPostcodeReferenceAsync(HttpClient gateway)
    {
        using var content = new StringContent(await File.ReadAllTextAsync(Path.Combine(CorpusRoot(), "postcodes.csv")), Encoding.UTF8, "text/csv");
        using var response = await gateway.PutAsync("/api/placements/ssda903/postcodes", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
    }

    private Task LoadPostcodeReferenceAsync() => LoadPostcodeReferenceAsync(platform.Gateway);

    private static MultipartFormDataContent Upload(string folder)
    {
        var content = new MultipartFormDataContent();
        foreach (var file in new[] { "header.csv", "episodes.csv" })
        {
            var part = new ByteArrayContent(File.ReadAllBytes(Path.Combine(folder, file)));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(part, Path.GetFileNameWithoutExtension(file), file);
        }
        return content;
    }

    /// <summary>tests/ssda903-corpus, found from the test assembly's folder upwards.</summary>
    internal static string CorpusRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ssda903-corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/ssda903-corpus was not found above the test assembly.");
    }
}
