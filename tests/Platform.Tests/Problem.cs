using System.Net;
using System.Text.Json;

namespace Platform.Tests;

/// <summary>Assertions on application/problem+json answers.</summary>
internal static class Problem
{
    /// <summary>The answer is <paramref name="status"/> problem+json with an error for <paramref name="field"/>.</summary>
    public static async Task AssertFieldAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}' in {body}");
    }
}
