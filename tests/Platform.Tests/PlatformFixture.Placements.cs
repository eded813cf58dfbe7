using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Platform.Tests;

/// <summary>Helpers for the Placements tests.</summary>
public sealed partial class PlatformFixture
{
    /// <summary>Registers a child with a fresh pseudonymous id (no names anywhere) and returns the id.</summary>
    public async Task<string> RegisterPlacementsChildAsync(string dateOfBirth = "2010-03-01")
    {
        var child = $"C{Random.Shared.Next(100_000_000, 999_999_999)}";
        var response = await Gateway.PostAsJsonAsync("/api/placements/children", new
        {
            childId = child, sex = "M", dateOfBirth, ethnicity = "WBRI", isUasc = false,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return child;
    }

    /// <summary>
    /// Waits until Placements has published (outbox row sent to the broker) an event of <paramref name="eventName"/>
    /// matching <paramref name="where"/>, and returns its payload.
    /// </summary>
    public async Task<JsonElement> WaitForPlacementsEventAsync(string eventName, string where)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var connection = new NpgsqlConnection(PlacementsDb))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    $"SELECT payload::text FROM outbox_messages WHERE message_type = 'Platform.Contracts.Placements.V1.{eventName}' AND sent_at IS NOT NULL AND {where} ORDER BY sequence DESC LIMIT 1",
                    connection);
                if (await command.ExecuteScalarAsync() is string payload) return JsonDocument.Parse(payload).RootElement.Clone();
            }
            Assert.True(DateTime.UtcNow < deadline, $"{eventName} where {where} was not published within 30 s.");
            await Task.Delay(200);
        }
    }
}
