using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts.Ingest.V1;
using Finance = Platform.Contracts.Finance.V1;
using Placements = Platform.Contracts.Placements.V1;
using Workforce = Platform.Contracts.Workforce.V1;

using Platform.Ingest.Domain;

namespace Platform.Ingest.Application;

/// <summary>
/// One inbound event type: its CloudEvents <c>type</c>, the JSON Schema of its <c>data</c>, and the owning service's
/// command it becomes. <paramref name="ToCommand"/> runs only on data the schema accepted.
/// </summary>
public sealed record EventType(string Type, string Description, string Owner, string Command, JsonObject Schema,
    Func<JsonElement, IngestedEvent, IngestCommand> ToCommand);

/// <summary>What a mapping knows of the event besides its data.</summary>
public sealed record IngestedEvent(string Source, string Id, Guid MessageId);

/// <summary>
/// The inbound event types (docs/ingest.md has the catalogue with examples): the translation of departmental systems'
/// events into the owning services' commands, so the inbound event itself (Domain) knows neither.
/// </summary>
public sealed class EventCatalogue
{
    private readonly Dictionary<string, EventType> _types;

    private EventCatalogue(IEnumerable<EventType> types) => _types = types.ToDictionary(t => t.Type, StringComparer.Ordinal);

    public IReadOnlyCollection<EventType> Types => _types.Values;

    public EventType? Find(string? type) => type is not null && _types.TryGetValue(type, out var found) ? found : null;

    public bool Contains(string type) => _types.ContainsKey(type);

    /// <summary>The event's type when its context attributes are valid and the type is known; otherwise null, with the errors on the event.</summary>
    public EventType? Validate(InboundEvent inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return inbound.Validate(Contains) ? Find(inbound.Type) : null;
    }

    // Field definitions shared by several schemas.
    private const string EmployeeNumber = """
        "employeeNumber": { "type": "string", "minLength": 1, "maxLength": 30, "pattern": "^[A-Za-z0-9-]+$",
          "description": "the HR system's employee number (letters, digits, '-'); the platform derives the worker id from it" }
        """;
    private const string CaseReference = """
        "caseReference": { "type": "string", "minLength": 1, "maxLength": 30, "pattern": "^(?=.*[0-9])[A-Za-z0-9/-]+$",
          "description": "the case management system's reference: letters, digits, '-' or '/', with at least one digit (never a name)" }
        """;
    private const string Date = """{ "type": "string", "format": "date" }""";

    public static EventCatalogue Default { get; } = new(
    [
        new("hr.starter.v1", "An HR system's starter: an employed or agency worker starts in a team (optionally in a post).", "workforce", nameof(Workforce.RecordStarter),
            Schema($$"""
                {
                  "type": "object",
                  "required": ["employeeNumber", "teamCode", "jobRole", "employmentType", "fte", "isQualifiedSocialWorker", "startDate"],
                  "additionalProperties": false,
                  "properties": {
                    {{EmployeeNumber}},
                    "teamCode": { "type": "string", "minLength": 1, "maxLength": 40 },
                    "jobRole": { "type": "string", "minLength": 1, "maxLength": 50 },
                    "employmentType": { "enum": ["employed", "agency"] },
                    "fte": { "type": "number", "minimum": 0.01, "maximum": 1 },
                    "isQualifiedSocialWorker": { "type": "boolean" },
                    "registrationNumber": { "type": ["string", "null"], "maxLength": 20 },
                    "postId": { "type": ["string", "null"], "format": "uuid" },
                    "startDate": {{Date}},
                    "agencyDayRate": { "type": ["number", "null"], "minimum": 0.01, "maximum": 5000, "multipleOf": 0.01 },
                    "expectedEndDate": { "type": ["string", "null"], "format": "date" }
                  }
                }
                """),
            (data, e) => new Workforce.RecordStarter(Worker(data), data.Text("teamCode"), data.Text("jobRole"), data.Text("employmentType"),
                data.Number("fte"), data.GetProperty("isQualifiedSocialWorker").GetBoolean(), data.OptionalText("registrationNumber"),
                data.OptionalText("postId") is { } post ? Guid.Parse(post) : null, data.Date("startDate"), data.OptionalNumber("agencyDayRate"),
                data.OptionalDate("expectedEndDate")) { EventId = e.MessageId }),

        new("hr.leaver.v1", "An HR system's leaver: the worker's last day and the census leaving reason.", "workforce", nameof(Workforce.RecordLeaver),
            Schema($$"""
                {
                  "type": "object",
                  "required": ["employeeNumber", "leftOn", "leavingReason"],
                  "additionalProperties": false,
                  "properties": {
                    {{EmployeeNumber}},
                    "leftOn": {{Date}},
                    "leavingReason": { "enum": ["resignation", "redundancy", "retirement", "dismissal", "end-of-contract", "end-of-engagement", "death", "other"] }
                  }
                }
                """),
            (data, e) => new Workforce.RecordLeaver(Worker(data), data.Date("leftOn"), data.Text("leavingReason")) { EventId = e.MessageId }),

        new("hr.absence.v1", "An HR system's absence record: first and last day (inclusive) and the reason.", "workforce", nameof(Workforce.RecordAbsence),
            Schema($$"""
                {
                  "type": "object",
                  "required": ["employeeNumber", "firstDay", "lastDay", "reason"],
                  "additionalProperties": false,
                  "properties": {
                    {{EmployeeNumber}},
                    "firstDay": {{Date}},
                    "lastDay": {{Date}},
                    "reason": { "enum": ["sickness", "other"] }
                  }
                }
                """),
            (data, e) => new Workforce.RecordAbsence(Worker(data), data.Date("firstDay"), data.Date("lastDay"), data.Text("reason")) { EventId = e.MessageId }),

        new("ledger.actual-spend.v1", "A finance ledger's actual spend of a cost centre's S251 line in a period (replaces the earlier amount).", "finance",
            nameof(Finance.RecordActualSpend),
            Schema("""
                {
                  "type": "object",
                  "required": ["financialYear", "period", "costCentreCode", "budgetLineCode", "amount"],
                  "additionalProperties": false,
                  "properties": {
                    "financialYear": { "type": "integer", "minimum": 2000, "maximum": 2099, "description": "the start year (2025 = 2025-26)" },
                    "period": { "type": "integer", "minimum": 1, "maximum": 12, "description": "1 = April … 12 = March" },
                    "costCentreCode": { "type": "string", "minLength": 1, "maxLength": 40 },
                    "budgetLineCode": { "type": "string", "minLength": 1, "maxLength": 20 },
                    "amount": { "type": "number", "minimum": -1000000000, "maximum": 1000000000, "multipleOf": 0.01 }
                  }
                }
                """),
            (data, e) => new Finance.RecordActualSpend((int)data.Number("financialYear"), (int)data.Number("period"), data.Text("costCentreCode"),
                data.Text("budgetLineCode"), data.Number("amount"), $"ingest:{e.Source}") { EventId = e.MessageId }),

        new("case.allocated.v1", "A case management system allocated a case (by reference only) to a worker.", "workforce", nameof(Workforce.AllocateCase),
            Schema($$"""
                {
                  "type": "object",
                  "required": ["employeeNumber", "caseReference", "allocatedOn"],
                  "additionalProperties": false,
                  "properties": {
                    {{EmployeeNumber}},
                    {{CaseReference}},
                    "allocatedOn": {{Date}}
                  }
                }
                """),
            (data, e) => new Workforce.AllocateCase(Worker(data), data.Text("caseReference"), data.Date("allocatedOn")) { EventId = e.MessageId }),

        new("case.released.v1", "A case management system released a case from a worker.", "workforce", nameof(Workforce.ReleaseCase),
            Schema($$"""
                {
                  "type": "object",
                  "required": ["employeeNumber", "caseReference", "releasedOn"],
                  "additionalProperties": false,
                  "properties": {
                    {{EmployeeNumber}},
                    {{CaseReference}},
                    "releasedOn": {{Date}}
                  }
                }
                """),
            (data, e) => new Workforce.ReleaseCase(Worker(data), data.Text("caseReference"), data.Date("releasedOn")) { EventId = e.MessageId }),

        new("census.population.v1", "The data warehouse's census figure: the under-18 population (ONS mid-year estimate) of a collection year.", "placements",
            nameof(Placements.SetUnder18Population),
            Schema("""
                {
                  "type": "object",
                  "required": ["collectionYear", "under18Population"],
                  "additionalProperties": false,
                  "properties": {
                    "collectionYear": { "type": "integer", "minimum": 2000, "maximum": 2099, "description": "the April the collection year starts" },
                    "under18Population": { "type": "integer", "minimum": 1, "maximum": 5000000 }
                  }
                }
                """),
            (data, e) => new Placements.SetUnder18Population((int)data.Number("collectionYear"), (int)data.Number("under18Population")) { EventId = e.MessageId }),
    ]);

    private static Guid Worker(JsonElement data) => DeterministicId.ForEmployee(data.Text("employeeNumber"));

    private static JsonObject Schema(string json)
    {
        var schema = JsonNode.Parse(json)!.AsObject();
        schema.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        return schema;
    }
}

/// <summary>Reads the data of an event its schema has accepted.</summary>
internal static class EventData
{
    public static string Text(this JsonElement data, string name) => data.GetProperty(name).GetString()!;

    public static string? OptionalText(this JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static decimal Number(this JsonElement data, string name) => data.GetProperty(name).GetDecimal();

    public static decimal? OptionalNumber(this JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;

    public static DateOnly Date(this JsonElement data, string name) => DateOnly.ParseExact(data.Text(name), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly? OptionalDate(this JsonElement data, string name) =>
        data.OptionalText(name) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
}
