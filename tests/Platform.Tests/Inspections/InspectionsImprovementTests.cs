using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.Tests.Inspections;

/// <summary>Inspections, the improvement plan, directions and the deadline calendar, through the gateway.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class InspectionsImprovementTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task An_inadequate_inspection_records_its_judgements_and_areas_and_an_overdue_action_is_detected_on_a_given_date()
    {
        var area = Unique("AFI");
        var inspection = await CreateInspectionAsync(Gateway, area);

        var judged = await Json(await Gateway.GetAsync($"/api/inspections/inspections/{inspection}"));
        Assert.Equal("inadequate", (string?)judged["overallEffectiveness"]);
        Assert.Equal(4, judged["judgements"]!.AsArray().Count);
        Assert.All(judged["judgements"]!.AsArray(), j => Assert.Equal(4, (int)j!["gradeNumber"]!));
        Assert.Equal(area, (string?)judged["areas"]![0]!["code"]);

        // A monitoring visit publishes a letter, not grades.
        var visit = await Json(await Gateway.PostAsJsonAsync("/api/inspections/inspections", new { type = "monitoring-visit", onSiteFrom = "2019-09-10", onSiteTo = "2019-09-11" }));
        var grading = await Gateway.PostAsJsonAsync($"/api/inspections/inspections/{visit["id"]}/judgements", new
        {
            publishedOn = "2019-10-01", judgements = new[] { new { type = "overall-effectiveness", grade = "good" } },
        });
        Assert.Equal(HttpStatusCode.Conflict, grading.StatusCode);

        var action = await Json(await Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title = "Every worker has monthly one-to-one supervision", ownerRole = "head-of-service", dueOn = "2019-05-31", raisedOn = "2019-04-01",
        }));
        var actionId = (string)action["id"]!;
        await Json(await Gateway.PostAsJsonAsync("/api/inspections/actions", new
        {
            areaCode = area, title = "Supervision policy rewritten", ownerRole = "principal-social-worker", dueOn = "2019-12-31", raisedOn = "2019-04-01",
        }));

        // Due 31 May: not overdue on the day, overdue the day after.
        Assert.DoesNotContain(await OverdueIdsAsync(area, "2019-05-31"), id => id == actionId);
        Assert.Contains(await OverdueIdsAsync(area, "2019-06-01"), id => id == actionId);

        var check = await Json(await Gateway.PostAsync("/api/inspections/actions/overdue-check?asAt=2019-06-01", null));
        Assert.Contains(check["events"]!.AsArray(), e => (string?)e!["actionId"] == actionId && (string?)e["areaCode"] == area && (string?)e["dueOn"] == "2019-05-31");
        // Raised once per action: a later check raises nothing new for it.
        var again = await Json(await Gateway.PostAsync("/api/inspections/actions/overdue-check?asAt=2019-06-02", null));
        Assert.DoesNotContain(again["events"]!.AsArray(), e => (string?)e!["actionId"] == actionId);

        // Completing needs evidence.
        var noEvidence = await Gateway.PostAsJsonAsync($"/api/inspections/actions/{actionId}/progress", new { status = "completed", on = "2019-07-15" });
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);
        Assert.Contains("evidence", await noEvidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Json(await Gateway.PostAsJsonAsync($"/api/inspections/actions/{actionId}/progress", new { status = "completed", on = "2019-07-15", evidence = "Supervision audit July 2019: 96% held" }));

        Assert.DoesNotContain(await OverdueIdsAsync(area, "2019-08-01"), id => id == actionId);
        Assert.Contains(await OverdueIdsAsync(area, "2019-06-15"), id => id == actionId);

        var areas = await Json(await Gateway.GetAsync("/api/inspections/areas?asAt=2019-08-01&pageSize=200"));
        var progress = areas["items"]!.AsArray().Single(a => (string?)a!["code"] == area)!["progress"]!;
        Assert.Equal(2, (int)progress["actions"]!);
        Assert.Equal(1, (int)progress["completed"]!);
        Assert.Equal(50.0m, (decimal)progress["percentComplete"]!);
    }

    [Fact]
    public async Task A_revised_direction_replaces_the_first_and_its_deadline_counts_down_and_is_announced_once()
    {
        var (may, november) = await CreateDirectionsAsync(Gateway, Unique("DIR"));

        var first = await Json(await Gateway.GetAsync($"/api/inspections/directions/{may}"));
        Assert.Equal("revised", (string?)first["status"]);
        Assert.Equal("2019-10-31", (string?)first["endedOn"]);

        var calendar = await Json(await Gateway.GetAsync("/api/inspections/deadlines?asAt=2019-11-01&withinDays=120"));
        var partnership = calendar.AsArray().Single(d => (string?)d!["sourceId"] == RequirementId(november));
        Assert.Equal("2020-01-31", (string?)partnership!["dueOn"]);
        Assert.Equal(91, (int)partnership["daysRemaining"]!);
        Assert.Equal("direction", (string?)partnership["kind"]);

        // Not yet within the 30-day window on 1 November; within it on 5 January, and announced once.
        var early = await Json(await Gateway.PostAsync("/api/inspections/deadlines/approaching-check?asAt=2019-11-01", null));
        Assert.DoesNotContain(early["events"]!.AsArray(), e => (string?)e!["sourceId"] == RequirementId(november));
        var due = await Json(await Gateway.PostAsync("/api/inspections/deadlines/approaching-check?asAt=2020-01-05", null));
        Assert.Contains(due["events"]!.AsArray(), e => (string?)e!["sourceId"] == RequirementId(november) && (int)e["daysRemaining"]! == 26);
        var repeat = await Json(await Gateway.PostAsync("/api/inspections/deadlines/approaching-check?asAt=2020-01-06", null));
        Assert.DoesNotContain(repeat["events"]!.AsArray(), e => (string?)e!["sourceId"] == RequirementId(november));
    }

    [Fact]
    public async Task Bad_judgements_are_refused_naming_the_field()
    {
        var inspection = await Json(await Gateway.PostAsJsonAsync("/api/inspections/inspections", new { type = "ilacs-standard", onSiteFrom = "2019-02-04", onSiteTo = "2019-02-15" }));
        var noOverall = await Gateway.PostAsJsonAsync($"/api/inspections/inspections/{inspection["id"]}/judgements", new
        {
            publishedOn = "2019-03-19", judgements = new[] { new { type = "impact-of-leaders", grade = "inadequate" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, noOverall.StatusCode);
        Assert.Contains("judgements", await noOverall.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badGrade = await Gateway.PostAsJsonAsync($"/api/inspections/inspections/{inspection["id"]}/judgements", new
        {
            publishedOn = "2019-03-19", judgements = new[] { new { type = "overall-effectiveness", grade = "terrible" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, badGrade.StatusCode);
        Assert.Contains("judgements[0].grade", await badGrade.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<List<string>> OverdueIdsAsync(string area, string asAt) =>
        (await Json(await Gateway.GetAsync($"/api/inspections/actions/overdue?asAt={asAt}&areaCode={area}"))).AsArray().Select(a => (string)a!["id"]!).ToList();

    private static string RequirementId(JsonNode direction) => (string)direction["requirements"]![0]!["id"]!;

    internal static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();

    /// <summary>An ILACS inspection of February 2019 published 19 March 2019, all four judgements inadequate, with one area.</summary>
    internal static async Task<string> CreateInspectionAsync(HttpClient gateway, string areaCode)
    {
        var inspection = await Json(await gateway.PostAsJsonAsync("/api/inspections/inspections", new { type = "ilacs-standard", onSiteFrom = "2019-02-04", onSiteTo = "2019-02-15" }));
        var id = (string)inspection["id"]!;
        await Json(await gateway.PostAsJsonAsync($"/api/inspections/inspections/{id}/judgements", new
        {
            publishedOn = "2019-03-19",
            judgements = new[]
            {
                new { type = "overall-effectiveness", grade = "inadequate" },
                new { type = "impact-of-leaders", grade = "inadequate" },
                new { type = "help-and-protection", grade = "inadequate" },
                new { type = "children-in-care-and-care-leavers", grade = "inadequate" },
            },
        }));
        await Json(await gateway.PostAsJsonAsync($"/api/inspections/inspections/{id}/areas", new
        {
            code = areaCode, title = "Management oversight and supervision of social work practice", isPriorityAction = false,
        }));
        return id;
    }

    /// <summary>The May 2019 direction (report due 9 September) and the revising direction of 31 October 2019 (partnership by 31 January 2020).</summary>
    internal static async Task<(string May, JsonNode November)> CreateDirectionsAsync(HttpClient gateway, string tag)
    {
        var may = await Json(await gateway.PostAsJsonAsync("/api/inspections/directions", new
        {
            issuedOn = "2019-05-16", issuer = "Secretary of State for Education", title = $"Direction {tag}: commissioner appointed",
            legalBasis = "s.497A(4B) Education Act 1996 as applied by s.50 Children Act 2004",
            requirements = new[] { new { description = "Commissioner to report to the minister", dueOn = (string?)"2019-09-09" } },
        }));
        var november = await Json(await gateway.PostAsJsonAsync("/api/inspections/directions", new
        {
            issuedOn = "2019-10-31", issuer = "Secretary of State for Education", title = $"Direction {tag}: partnership with a strong-performing authority",
            supersedesDirectionId = (string)may["id"]!,
            requirements = new[] { new { description = "Formal partnership with a strong-performing local authority agreed", dueOn = (string?)"2020-01-31" } },
        }));
        return ((string)may["id"]!, november);
    }

    internal static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    internal static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(200);
        }
        throw new TimeoutException("The expected state was not reached within 30 seconds.");
    }
}
