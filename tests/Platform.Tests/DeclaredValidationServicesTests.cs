using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

using static Platform.Tests.DeclaredRules;

namespace Platform.Tests;

/// <summary>
/// Issue 27 for Placements, Ingest and Workforce's use cases: their request shape is declared and checked before a handler
/// runs, shown in the OpenAPI documents, and refused by camelCase JSON field with the platform's wording.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class DeclaredValidationServicesTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_Placements_OpenAPI_document_shows_the_declared_rules_of_an_episode()
    {
        var episode = await platform.SchemaAsync("placements", "StartEpisodeRequest");
        var required = Names(episode["required"]);
        Assert.Contains("startDate", required);
        Assert.Contains("placementType", required);
        Assert.DoesNotContain("placementProvider", required);
        Assert.DoesNotContain("weeklyCost", required);
        Assert.Equal(0, episode["properties"]!["weeklyCost"]!["minimum"]!.GetValue<decimal>());
        Assert.Equal(20_000, episode["properties"]!["weeklyCost"]!["maximum"]!.GetValue<decimal>());
        Assert.Contains("A date between 2000-04-01 and 2100-03-31", episode["properties"]!["startDate"]!["description"]?.GetValue<string>() ?? "", StringComparison.Ordinal);

        var child = await platform.SchemaAsync("placements", "RegisterChildRequest");
        Assert.Equal(10, child["properties"]!["childId"]!["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_Ingest_OpenAPI_document_shows_the_declared_rules_of_a_key()
    {
        var key = await platform.SchemaAsync("ingest", "CreateKeyRequest");
        var required = Names(key["required"]);
        Assert.Equal(["eventTypes", "name", "source"], required.Order(StringComparer.Ordinal));
        Assert.Equal(100, key["properties"]!["name"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(1, key["properties"]!["rateLimitPerMinute"]!["minimum"]!.GetValue<int>());
    }

    [Fact]
    public async Task Placements_refuses_by_camelCase_field_before_storing_anything()
    {
        using var population = await platform.Gateway.PutAsJsonAsync("/api/placements/reference/under-18-population", new { collectionYear = 1999 });
        var errors = await ErrorsAsync(population);
        Assert.Equal("Must be between 2000 and 2099.", errors["collectionYear"][0]);
        Assert.Equal("This field is required.", errors["under18Population"][0]);

        using var rate = await platform.Gateway.PutAsJsonAsync("/api/placements/rate-card", new { placementType = "Q9", placementProvider = " ", weeklyRate = 1m });
        var rateErrors = await ErrorsAsync(rate);
        Assert.StartsWith("'Q9' is not a valid code. Allowed: ", rateErrors["placementType"][0], StringComparison.Ordinal);
        Assert.False(rateErrors.ContainsKey("placementProvider"), "a blank provider is the type's default, as before");

        using var missing = await platform.Gateway.GetAsync("/api/placements/indicators/care-population");
        Assert.Equal("This field is required.", (await ErrorsAsync(missing))["asAt"][0]);
    }

    [Fact]
    public async Task Ingest_refuses_by_camelCase_field()
    {
        using var key = await platform.Gateway.PostAsJsonAsync("/api/ingest/keys",
            new { name = "Refused", source = "urn:council:refused", eventTypes = Array.Empty<string>(), rateLimitPerMinute = 0 });
        var errors = await ErrorsAsync(key);
        Assert.Equal("List at least one event type.", errors["eventTypes"][0]);
        Assert.Equal("Must be between 1 and 100000.", errors["rateLimitPerMinute"][0]);

        using var listed = await platform.Gateway.GetAsync("/api/ingest/received-events?pageSize=0");
        Assert.Equal("Must be between 1 and 200.", (await ErrorsAsync(listed))["pageSize"][0]);
    }

    [Fact]
    public async Task Workforce_use_cases_refuse_by_camelCase_field_on_the_HTTP_path()
    {
        var worker = Guid.NewGuid();
        using var allocation = await platform.Gateway.PostAsJsonAsync($"/api/workforce/staff/{worker}/cases", new { allocatedOn = "1999-01-01" });
        var errors = await ErrorsAsync(allocation);
        Assert.Equal("This field is required.", errors["caseReference"][0]);
        Assert.StartsWith("Must be between ", errors["allocatedOn"][0], StringComparison.Ordinal);

        using var absence = await platform.Gateway.PostAsJsonAsync($"/api/workforce/staff/{worker}/absences",
            new { firstDay = "2027-01-04", lastDay = "2027-01-05", reason = "holiday" });
        Assert.Equal("'holiday' is not a valid code. Allowed: sickness, other.", (await ErrorsAsync(absence))["reason"][0]);
    }

    private static List<string> Names(JsonNode? array) => array?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
}
