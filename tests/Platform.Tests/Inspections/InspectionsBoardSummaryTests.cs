using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.ServiceDefaults.Security;
using static Platform.Tests.Inspections.InspectionsImprovementTests;

namespace Platform.Tests.Inspections;

/// <summary>The board's summary: each area's rating, and the improvement lead's commentary with who entered it and from when it shows.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class InspectionsBoardSummaryTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_commentary_line_shows_on_boards_from_its_date_with_the_leads_name_and_an_overdue_action_makes_its_area_red()
    {
        var area = Unique("SUM");
        await CreateInspectionAsync(platform.Gateway, area);
        (await platform.Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title = "Weekly caseload review", ownerRole = "head-of-service", dueOn = "2019-05-20", raisedOn = "2019-04-01",
        })).EnsureSuccessStatusCode();

        using var lead = platform.CreateClient(PlatformRoles.ImprovementLead, "lead-summary");
        var text = "Caseload audits now weekly; first two show fewer cases held over 25.";
        using var created = await lead.PostAsJsonAsync($"/api/inspections/areas/{area.ToLowerInvariant()}/commentary", new { text, on = "2019-06-10" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var line = await Json(created);
        Assert.Equal("lead-summary", (string?)line["enteredBy"]);

        var before = await AreaAsync(area, "2019-06-09");
        Assert.Null(before["commentary"]);
        Assert.Equal("red", (string?)before["rating"]);
        Assert.Equal(1, (int)before["overdueActions"]!);
        var after = await AreaAsync(area, "2019-06-15");
        Assert.Equal(text, (string?)after["commentary"]!["text"]);
        Assert.Equal("lead-summary", (string?)after["commentary"]!["enteredBy"]);
        Assert.Equal("2019-06-10", (string?)after["commentary"]!["on"]);

        // Refusals name the field and store nothing.
        foreach (var (body, field) in new (object, string)[]
        {
            (new { text = "", on = "2019-06-11" }, "text"),
            (new { text = new string('x', 281), on = "2019-06-11" }, "text"),
            (new { text = "Two\nlines", on = "2019-06-11" }, "text"),
            (new { text = "Fine", on = "1890-01-01" }, "on"),
        })
        {
            using var refused = await lead.PostAsJsonAsync($"/api/inspections/areas/{area}/commentary", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![field]);
        }
        using var unknown = await lead.PostAsJsonAsync($"/api/inspections/areas/{Unique("NONE")}/commentary", new { text = "x", on = "2019-06-11" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var reader = platform.CreateClient(PlatformRoles.ReadOnlyOperator, "reader-summary");
        using var forbidden = await reader.PostAsJsonAsync($"/api/inspections/areas/{area}/commentary", new { text = "x", on = "2019-06-11" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var lines = (await Json(await platform.Gateway.GetAsync($"/api/inspections/areas/{area}/commentary"))).AsArray();
        Assert.Single(lines);
    }

    private async Task<JsonNode> AreaAsync(string area, string asAt)
    {
        var board = await Json(await platform.Gateway.GetAsync($"/api/inspections/board?asAt={asAt}"));
        return board["summary"]!["areas"]!.AsArray().Single(a => (string?)a!["code"] == area)!;
    }
}
