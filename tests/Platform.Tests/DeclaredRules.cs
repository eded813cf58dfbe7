using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Tests;

/// <summary>Reading the declared request rules back: a request type's OpenAPI schema, and a refusal's field errors.</summary>
internal static class DeclaredRules
{
    public static async Task<JsonObject> SchemaAsync(this PlatformFixture platform, string service, string name)
    {
        using var response = await platform.Gateway.GetAsync($"/api/{service}/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return document["components"]!["schemas"]![name]!.AsObject();
    }

    /// <summary>The errors of a 400 validation problem, by field (the test fails on any other answer).</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonObject>(body)!["errors"].Deserialize<Dictionary<string, string[]>>()!;
    }
}
