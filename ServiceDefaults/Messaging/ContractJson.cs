using System.Text.Json;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>JSON settings for integration events, and resolution of stored type names back to contract types.</summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Resolves a contract type by full name; only types in the Contracts assembly are accepted.</summary>
    public static Type? ResolveContract(string fullName)
    {
        var type = typeof(IntegrationEvent).Assembly.GetType(fullName, throwOnError: false);
        return type is not null && typeof(IntegrationEvent).IsAssignableFrom(type) ? type : null;
    }
}
