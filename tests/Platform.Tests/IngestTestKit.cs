using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Ingest.Domain;
using RabbitMQ.Client;

namespace Platform.Tests;

/// <summary>Helpers for the departmental ingest tests: keys, CloudEvents, polling, the AMQP side.</summary>
internal static class IngestTestKit
{
    public const string Structured = "application/cloudevents+json";
    public const string Batch = "application/cloudevents-batch+json";

    public static readonly string[] AllTypes =
        ["hr.starter.v1", "hr.leaver.v1", "hr.absence.v1", "ledger.actual-spend.v1", "case.allocated.v1", "case.released.v1", "census.population.v1"];

    public sealed record CreatedKey(string Id, string Key, string Source);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();

    /// <summary>Creates a key (as platform-admin) for a fresh source, allowed the given types (default all), optionally with a broker user.</summary>
    public static async Task<CreatedKey> CreateKeyAsync(this PlatformFixture platform, string[]? types = null, int? rateLimitPerMinute = null,
        string? brokerUser = null)
    {
        var source = $"urn:test:{Guid.NewGuid():N}";
        var response = await platform.Gateway.PostAsJsonAsync("/api/ingest/keys",
            new { name = "Test HR system", source, eventTypes = types ?? AllTypes, rateLimitPerMinute, brokerUser });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.ReadAsync<CreatedKey>();
        return created with { Source = source };
    }

    public static JsonObject Event(string source, string type, object data, string? id = null) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["source"] = source,
        ["type"] = type,
        ["time"] = "2026-11-29T10:00:00Z",
        ["datacontenttype"] = "application/json",
        ["data"] = JsonSerializer.SerializeToNode(data),
    };

    public static object Starter(string employeeNumber, string team, string startDate = "2024-04-01", decimal fte = 1m) => new
    {
        employeeNumber, teamCode = team, jobRole = "social-worker", employmentType = "employed", fte, isQualifiedSocialWorker = true,
        registrationNumber = "SW12345", startDate,
    };

    /// <summary>POSTs /events through the gateway (no bearer token) with the key, in structured or batch mode.</summary>
    public static async Task<HttpResponseMessage> SendAsync(this PlatformFixture platform, string? key, JsonNode body, string mediaType = Structured)
    {
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, mediaType),
        };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> AcceptedAsync(this Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Guid WorkerId(string employeeNumber) => DeterministicId.ForEmployee(employeeNumber);

    public static async Task<string> CreateTeamAsync(this PlatformFixture platform)
    {
        var code = Unique("ING");
        (await platform.Gateway.PostAsJsonAsync("/api/workforce/teams", new { code, name = "Ingest team", directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        return code;
    }

    /// <summary>Polls a JSON GET through the gateway until <paramref name="ready"/> holds (30 s at most).</summary>
    public static async Task<JsonElement> EventuallyAsync(this PlatformFixture platform, string path, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await platform.Gateway.GetAsync(path);
            last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode)
            {
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (ready(json)) return json;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"GET {path} did not reach the expected state within 30 seconds; last answer {last}");
    }

    public static async Task EventuallyAsync(Func<Task<bool>> probe, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{what} did not happen within 45 seconds.");
    }

    /// <summary>A channel on the test broker, once the Ingest service has declared its AMQP queue.</summary>
    public static async Task<(IConnection Connection, IChannel Channel)> AmqpAsync(this PlatformFixture platform)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(PlatformFixture.RabbitMq) }.CreateConnectionAsync();
        await QueueExistsAsync(connection, platform.IngestErrorQueue);
        return (connection, await connection.CreateChannelAsync());
    }

    /// <summary>
    /// A least-privilege RabbitMQ user, as docs/ingest.md tells an administrator to create one (write the ingest exchange,
    /// nothing else), created through the management API; returns a connection made as that user.
    /// </summary>
    public static async Task<IConnection> BrokerUserConnectionAsync(this PlatformFixture platform, string user)
    {
        var management = new Uri(Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_MANAGEMENT")
            ?? throw new InvalidOperationException("PLATFORM_TEST_RABBITMQ_MANAGEMENT is not set: run the tests with ./platform test."));
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        var password = Guid.NewGuid().ToString("N");
        (await http.PutAsJsonAsync($"/api/users/{user}", new { password, tags = "" })).EnsureSuccessStatusCode();
        var exchange = System.Text.RegularExpressions.Regex.Escape(platform.IngestExchange);
        (await http.PutAsJsonAsync($"/api/permissions/%2F/{user}", new { configure = "^$", write = $"^{exchange}$", read = "^$" })).EnsureSuccessStatusCode();
        var broker = new UriBuilder(PlatformFixture.RabbitMq) { UserName = user, Password = password }.Uri;
        return await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
    }

    /// <summary>Publishes raw JSON to the ingest exchange as the connection's user, with the given properties; waits for the confirm.</summary>
    public static async Task PublishAsync(this PlatformFixture platform, IConnection connection, BasicProperties properties, object data)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync(platform.IngestExchange, "test", true, properties, JsonSerializer.SerializeToUtf8Bytes(data));
    }

    /// <summary>Waits until <paramref name="queue"/> has been declared (by the service that owns it).</summary>
    public static Task QueueExistsAsync(IConnection connection, string queue) => EventuallyAsync(async () =>
    {
        await using var probe = await connection.CreateChannelAsync();
        try
        {
            await probe.QueueDeclarePassiveAsync(queue);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }, $"queue {queue} being declared");

    /// <summary>Takes messages off <paramref name="queue"/> until one matches (others are put back); its headers as text.</summary>
    public static async Task<(string Body, Dictionary<string, string> Headers)> TakeAsync(IChannel channel, string queue, Func<BasicGetResult, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var result = await channel.BasicGetAsync(queue, autoAck: false);
            if (result is null)
            {
                await Task.Delay(200);
                continue;
            }
            if (!match(result))
            {
                await channel.BasicNackAsync(result.DeliveryTag, false, requeue: true);
                await Task.Delay(50);
                continue;
            }
            await channel.BasicAckAsync(result.DeliveryTag, false);
            var headers = (result.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString() ?? "");
            return (Encoding.UTF8.GetString(result.Body.Span), headers);
        }
        throw new TimeoutException($"No matching message arrived in {queue} within 60 seconds.");
    }
}
