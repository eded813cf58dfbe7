using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.ServiceDefaults.Model;

namespace Platform.Tests;

/// <summary>
/// Walks every POST/PUT/PATCH operation the four services publish in their OpenAPI documents (so endpoints added
/// later are covered without touching this file) and sends each the bad input a careless or hostile client could:
/// malformed JSON, wrong types, missing fields, out-of-range numbers and dates, unknown codes, oversized bodies, and
/// script or SQL text. Every answer must be a 4xx problem+json, and nothing may be stored.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed class ReliabilityBadInputCatalogueTests(PlatformFixture platform)
{
    /// <summary>The services the gateway routes by role (AppHost/platform.json).</summary>
    private static readonly string[] Services = [.. PlatformModel.RoutedByRole.Select(a => a.Name)];
    private static readonly string[] WriteMethods = ["post", "put", "patch"];
    private static readonly string[] CodedSuffixes = ["Code", "Type", "Status", "Role"];
    private static readonly string[] HostileText =
    [
        "<script>alert('x')</script>",
        "Robert'); DROP TABLE teams; --",
        "' OR '1'='1",
        "\"><img src=x onerror=alert(1)>",
    ];

    private sealed record Operation(string Service, HttpMethod Method, string PathTemplate, JsonObject? BodySchema, JsonObject Document)
    {
        public override string ToString() => $"{Method} /api/{Service}{PathTemplate}";
    }

    private sealed record BadRequest(string Case, string Path, string? Body, string ContentType = "application/json");

    [Fact]
    public async Task Every_write_endpoint_refuses_bad_input_with_4xx_problem_json_and_stores_nothing()
    {
        var operations = await DiscoverWriteOperationsAsync();
        Assert.NotEmpty(operations);
        var before = await QuietRowCountsAsync();

        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            foreach (var request in BadRequests(operation))
            {
                sent++;
                var failure = await SendExpectingRefusalAsync(operation, request);
                if (failure is not null) failures.Add(failure);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad requests were not refused with 4xx problem+json:\n" + string.Join('\n', failures.Take(40)));
        var after = await RowCountsAsync();
        var changed = before.Where(t => after.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key}: {t.Value} -> {after.GetValueOrDefault(t.Key)}").ToList();
        Assert.True(changed.Count == 0, "Bad requests changed stored data: " + string.Join(", ", changed));
    }

    [Fact]
    public async Task Script_and_SQL_text_is_refused_or_stored_verbatim_and_returned_escaped()
    {
        var operations = await DiscoverWriteOperationsAsync();
        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var fields = StringProperties(operation).ToList();
            foreach (var text in HostileText)
            {
                foreach (var field in fields)
                {
                    var body = BaseBody(operation);
                    body![field] = text;
                    failures.AddRange(await SendHostileAsync(operation, ConcretePath(operation), body.ToJsonString(), text, field));
                }
                if (operation.PathTemplate.Contains('{', StringComparison.Ordinal))
                {
                    var path = ConcretePath(operation, routeValue: Uri.EscapeDataString(text));
                    failures.AddRange(await SendHostileAsync(operation, path, BaseBody(operation)?.ToJsonString(), text, "route"));
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
        // The SQL text did nothing to the schema: every table of every service still answers.
        Assert.NotEmpty(await RowCountsAsync());
    }

    [Fact]
    public async Task Every_read_endpoint_refuses_extreme_query_values_with_400_and_never_fails()
    {
        // Every GET the services publish, each integer and date query parameter in turn at its extremes: a page
        // number whose offset overflows, the first and last dates a DateOnly can hold. Found as 500s before.
        var failures = new List<string>();
        var sent = 0;
        foreach (var (service, path, parameters, document) in await DiscoverReadOperationsAsync())
        {
            var operation = new Operation(service, HttpMethod.Get, path, null, document);
            foreach (var (name, schema) in parameters)
            {
                var types = Types(schema);
                var format = schema["format"]?.GetValue<string>();
                string[] values = format == "date" ? ["0001-01-01", "9999-12-31"]
                    : types.Contains("integer") ? ["2147483647", "-2147483648"]
                    : [];
                foreach (var value in values)
                {
                    sent++;
                    var target = $"{ConcretePath(operation)}?{name}={value}";
                    using var response = await SendAsync(operation, new BadRequest("extreme", target, null));
                    var status = (int)response.StatusCode;
                    var content = await response.Content.ReadAsStringAsync();
                    // Dates out of every range and the overflowing page are refused, naming the parameter; any other
                    // integer may be a legitimate (empty) answer, but never a server error or a non-problem 4xx.
                    var mustRefuse = format == "date" || (name.Equals("page", StringComparison.OrdinalIgnoreCase) && value == "2147483647");
                    var ok = mustRefuse
                        ? status == 400 && IsProblem(response, status) && content.Contains($"\"{name}\"", StringComparison.OrdinalIgnoreCase)
                        : status < 400 || IsProblem(response, status);
                    if (!ok) failures.Add($"GET /api/{service}{target}: {status} {response.Content.Headers.ContentType?.MediaType} {Snippet(content)}");
                }
            }
        }
        Assert.True(sent > 20, $"only {sent} extreme values were sent: the OpenAPI documents lost their query parameters?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} extreme query values were not refused with 400 problem+json:\n" + string.Join('\n', failures.Take(40)));
    }

    private async Task<List<(string Service, string Path, List<(string Name, JsonObject Schema)> Query, JsonObject Document)>> DiscoverReadOperationsAsync()
    {
        var operations = new List<(string, string, List<(string, JsonObject)>, JsonObject)>();
        foreach (var service in Services)
        {
            using var response = await platform.Gateway.GetAsync($"/api/{service}/openapi/v1.json");
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                if (item?["get"]?["parameters"] is not JsonArray parameters) continue;
                var query = parameters
                    .Where(p => p?["in"]?.GetValue<string>() == "query" && p["schema"] is JsonObject)
                    .Select(p => (p!["name"]!.GetValue<string>(), Resolve((JsonObject)p["schema"]!, document)))
                    .ToList();
                if (query.Count > 0) operations.Add((service, path, query, document));
            }
        }
        return operations;
    }

    private async Task<List<string>> SendHostileAsync(Operation operation, string path, string? body, string text, string field)
    {
        using var response = await SendAsync(operation, new BadRequest("hostile", path, body));
        var content = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            // Accepted as data: stored as sent (codes may be upper-cased) and returned \u-escaped, never as live markup.
            var problems = new List<string>();
            if (content.Contains(text, StringComparison.Ordinal) || content.IndexOfAny(['<', '>', '\'']) >= 0)
            {
                problems.Add($"{operation} {field}: {text} came back unescaped: {Snippet(content)}");
            }
            if (JsonNode.Parse(content) is JsonObject echoed && echoed[field] is JsonValue value && value.TryGetValue<string>(out var stored)
                && !string.Equals(stored, text, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{operation} {field}: stored as {stored} instead of {text}");
            }
            return problems;
        }
        return IsProblem(response, status) ? [] : [$"{operation} {field}={text}: {status} {response.Content.Headers.ContentType} {Snippet(content)}"];
    }

    private async Task<string?> SendExpectingRefusalAsync(Operation operation, BadRequest request)
    {
        using var response = await SendAsync(operation, request);
        var status = (int)response.StatusCode;
        if (IsProblem(response, status)) return null;
        var content = await response.Content.ReadAsStringAsync();
        return $"{operation} [{request.Case}] {request.Path}: {status} {response.Content.Headers.ContentType?.MediaType} {Snippet(content)}";
    }

    private static bool IsProblem(HttpResponseMessage response, int status) =>
        status is >= 400 and < 500 && response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private async Task<HttpResponseMessage> SendAsync(Operation operation, BadRequest request)
    {
        using var message = new HttpRequestMessage(operation.Method, $"/api/{operation.Service}{request.Path}");
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }
        return await platform.Gateway.SendAsync(message);
    }

    /// <summary>The catalogue for one operation, generated from its request schema.</summary>
    private static IEnumerable<BadRequest> BadRequests(Operation operation)
    {
        var path = ConcretePath(operation);
        var baseBody = BaseBody(operation);
        // Random ids in the route: an unknown resource is a 404 problem+json, also with a plausible body.
        if (operation.PathTemplate.Contains('{', StringComparison.Ordinal))
        {
            yield return new("unknown id", path, baseBody?.ToJsonString() ?? "{}");
        }
        if (baseBody is null)
        {
            yield break;
        }

        yield return new("malformed JSON", path, "{\"" + (baseBody.FirstOrDefault().Key ?? "a") + "\": ");
        yield return new("not JSON", path, "this is not json");
        yield return new("empty body", path, "");
        yield return new("JSON null", path, "null");
        yield return new("array instead of object", path, "[]");
        yield return new("missing required fields", path, "{}");
        yield return new("wrong content type", path, baseBody.ToJsonString(), "text/plain");
        yield return new("oversized body", path, Oversized(baseBody));

        var required = (Resolve(operation.BodySchema!, operation.Document)["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
        foreach (var (name, schema) in Properties(operation.BodySchema!, operation.Document))
        {
            foreach (var (label, value) in BadValues(name, schema, required.Contains(name)))
            {
                var body = BaseBody(operation)!;
                body[name] = value;
                yield return new($"{name}: {label}", path, body.ToJsonString());
            }
        }
    }

    /// <summary>
    /// Values no valid request can carry. Free text cannot be "unknown", so unknown codes go only to coded fields:
    /// enums, and names ending in Code/Type/Status/Role other than the new resource's own <c>code</c>.
    /// </summary>
    private static IEnumerable<(string Label, JsonNode? Value)> BadValues(string name, JsonObject schema, bool required)
    {
        var types = Types(schema);
        var format = schema["format"]?.GetValue<string>();
        if (required) yield return ("null", null);
        yield return ("object instead of a value", new JsonObject { ["nested"] = true });
        if (types.Contains("array"))
        {
            yield return ("text instead of a list", "x");
            yield break;
        }
        if (types.Contains("boolean"))
        {
            yield return ("text instead of true/false", "maybe");
            yield return ("number instead of true/false", 2);
            yield break;
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            yield return ("text instead of a number", "lots");
            yield return ("true instead of a number", true);
            yield return ("huge number", JsonNode.Parse("1e300"));
            yield return ("far out of range", JsonNode.Parse(types.Contains("integer") ? "2147483648" : "99999999999999"));
            yield return ("negative", -1_000_000_000);
            yield break;
        }
        if (format is "date" or "date-time")
        {
            yield return ("number instead of a date", 20190401);
            yield return ("not a date", "yesterday");
            yield return ("impossible date", "2019-02-30");
            yield return ("far past", format == "date" ? "0001-01-01" : "0001-01-01T00:00:00Z");
            yield return ("far future", format == "date" ? "9999-12-31" : "9999-12-31T00:00:00Z");
            yield break;
        }
        if (types.Contains("string"))
        {
            yield return ("number instead of text", 12345);
            if (schema["enum"] is not null || CodedSuffixes.Any(suffix => name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal)))
            {
                yield return ("unknown code", "NO-SUCH-CODE-ZZ9");
            }
            if (required) yield return ("blank", "   ");
            yield return ("10,000 characters", new string('x', 10_000));
        }
    }

    /// <summary>A body built from the schema with plausible values; codes and references will not exist.</summary>
    private static JsonObject? BaseBody(Operation operation) =>
        operation.BodySchema is null ? null : Sample(operation.BodySchema, operation.Document, depth: 0) as JsonObject;

    private static JsonNode? Sample(JsonObject schema, JsonObject document, int depth)
    {
        schema = Resolve(schema, document);
        var types = Types(schema);
        if (schema["enum"] is JsonArray values && values.Count > 0) return values[0]?.DeepClone();
        if (types.Contains("object") || schema["properties"] is not null)
        {
            var body = new JsonObject();
            if (depth < 4)
            {
                foreach (var (name, property) in Properties(schema, document)) body[name] = Sample(property, document, depth + 1);
            }
            return body;
        }
        if (types.Contains("array")) return new JsonArray();
        if (types.Contains("boolean")) return false;
        if (types.Contains("integer") || types.Contains("number")) return 1;
        return schema["format"]?.GetValue<string>() switch
        {
            "date" => "2019-04-01",
            "date-time" => "2019-04-01T00:00:00Z",
            "uuid" => Guid.NewGuid().ToString(),
            _ => "Q" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant(),
        };
    }

    private static IEnumerable<string> StringProperties(Operation operation) =>
        operation.BodySchema is null
            ? []
            : Properties(operation.BodySchema, operation.Document)
                .Where(p => Types(p.Schema).Contains("string") && p.Schema["format"] is null && p.Schema["enum"] is null)
                .Select(p => p.Name);

    private static List<(string Name, JsonObject Schema)> Properties(JsonObject schema, JsonObject document) =>
        Resolve(schema, document)["properties"] is JsonObject properties
            ? properties.Select(p => (p.Key, Resolve((JsonObject)p.Value!, document))).ToList()
            : [];

    private static JsonObject Resolve(JsonObject schema, JsonObject document)
    {
        for (var i = 0; i < 10 && schema["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            JsonNode? node = document;
            foreach (var segment in reference.TrimStart('#', '/').Split('/')) node = node?[segment];
            schema = node as JsonObject ?? throw new InvalidOperationException($"Unresolvable $ref {reference}");
        }
        return schema;
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => t!.GetValue<string>()).ToHashSet(),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static string ConcretePath(Operation operation, string? routeValue = null)
    {
        var path = operation.PathTemplate;
        while (path.IndexOf('{', StringComparison.Ordinal) is var start and >= 0)
        {
            var end = path.IndexOf('}', start);
            var name = path[(start + 1)..end].Split(':')[0];
            var value = routeValue ?? RandomRouteValue(RouteParameterSchema(operation, name));
            path = path[..start] + value + path[(end + 1)..];
        }
        return path;
    }

    /// <summary>An id that exists nowhere, of the route parameter's type.</summary>
    private static string RandomRouteValue(JsonObject? schema)
    {
        var types = schema is null ? [] : Types(schema);
        if (types.Contains("integer") || types.Contains("number")) return Random.Shared.Next(900_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        return schema?["format"]?.GetValue<string>() == "uuid" || !types.Contains("string")
            ? Guid.NewGuid().ToString()
            : "ZZ" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    }

    private static JsonObject? RouteParameterSchema(Operation operation, string name)
    {
        var item = operation.Document["paths"]?[operation.PathTemplate];
        var parameters = (item?[operation.Method.Method.ToLowerInvariant()]?["parameters"] as JsonArray ?? []).Concat(item?["parameters"] as JsonArray ?? []);
        return parameters.FirstOrDefault(p => p?["name"]?.GetValue<string>() == name && p?["in"]?.GetValue<string>() == "path")?["schema"] is JsonObject schema
            ? Resolve(schema, operation.Document)
            : null;
    }

    private static string Oversized(JsonObject baseBody)
    {
        // Past the 1 MiB limit every service applies; a valid JSON document, so only its size is wrong.
        var body = (JsonObject)baseBody.DeepClone();
        body["padding"] = new string('x', 1_200_000);
        return body.ToJsonString();
    }

    private async Task<List<Operation>> DiscoverWriteOperationsAsync()
    {
        var operations = new List<Operation>();
        foreach (var service in Services)
        {
            using var response = await platform.Gateway.GetAsync($"/api/{service}/openapi/v1.json");
            Assert.True(response.IsSuccessStatusCode, $"{service} publishes no OpenAPI document ({(int)response.StatusCode}).");
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject().Where(o => WriteMethods.Contains(o.Key)))
                {
                    var schema = operation?["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                    operations.Add(new Operation(service, new HttpMethod(method.ToUpperInvariant()), path, schema, document));
                }
            }
        }
        return operations;
    }

    /// <summary>
    /// Row counts once earlier tests' work has settled: nothing waiting in an outbox or to be republished as measures
    /// (the measure publisher waits a moment before it publishes, so equal counts alone can be a lull), and two equal
    /// snapshots a second apart.
    /// </summary>
    private async Task<Dictionary<string, long>> QuietRowCountsAsync()
    {
        var previous = await RowCountsAsync();
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(1000);
            var current = await RowCountsAsync();
            var stable = current.Count == previous.Count && current.All(t => previous.GetValueOrDefault(t.Key, -1) == t.Value);
            if (stable && !current.Any(t => t.Key.EndsWith(".measure_changes", StringComparison.Ordinal) && t.Value > 0) && await NothingUnsentAsync())
            {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    private async Task<bool> NothingUnsentAsync()
    {
        foreach (var database in new[] { platform.WorkforceDb, platform.FinanceDb, platform.PlacementsDb, platform.InspectionsDb })
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var unsent = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
            if ((long)(await unsent.ExecuteScalarAsync())! > 0) return false;
        }
        return true;
    }

    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var database in new[] { platform.WorkforceDb, platform.FinanceDb, platform.PlacementsDb, platform.InspectionsDb })
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            }
            foreach (var table in tables)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
                counts[$"{connection.Database}.{table}"] = (long)(await count.ExecuteScalarAsync())!;
            }
        }
        return counts;
    }

    private static string Snippet(string content) => content.Length <= 300 ? content : content[..300] + "…";
}
