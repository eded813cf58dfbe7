using Dapr.Client;
using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Secrets;

/// <summary>Reads one key of a named secret at start-up; <c>null</c> when it does not have it.</summary>
public interface ISecretReader : IDisposable
{
    string? Read(string secretName, string key);
}

/// <summary>The fallback without a Dapr sidecar: <c>SecretValues:&lt;secret&gt;:&lt;key&gt;</c> from configuration.</summary>
public sealed class ConfigurationSecretReader(IConfiguration configuration) : ISecretReader
{
    public string? Read(string secretName, string key) => configuration[$"SecretValues:{secretName}:{key}"];

    public void Dispose()
    {
    }
}

/// <summary>
/// The Dapr secret store of the sidecar (in Kubernetes a <c>secretstores.kubernetes</c> component, where the secret
/// name is a Kubernetes Secret and the key one of its keys). Waits for the sidecar, reads each secret once, and
/// fails start-up with the secret's name — never its value — when it cannot.
/// </summary>
public sealed class DaprSecretReader : ISecretReader
{
    private readonly string _store;
    private readonly DaprClient _client;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<string, Dictionary<string, string>> _secrets = new(StringComparer.Ordinal);
    private bool _sidecarReady;

    public DaprSecretReader(string store, DaprClient? client = null, TimeSpan? timeout = null)
    {
        _store = store;
        _client = client ?? new DaprClientBuilder().Build();
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    public string Store => _store;

    public string? Read(string secretName, string key)
    {
        if (!_secrets.TryGetValue(secretName, out var values))
        {
            using var cancel = new CancellationTokenSource(_timeout);
            try
            {
                if (!_sidecarReady)
                {
                    _client.WaitForSidecarAsync(cancel.Token).GetAwaiter().GetResult();
                    _sidecarReady = true;
                }
                values = _client.GetSecretAsync(_store, secretName, cancellationToken: cancel.Token).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is Dapr.DaprException or OperationCanceledException or HttpRequestException)
            {
                throw new InvalidOperationException($"Could not read secret '{secretName}' from the Dapr secret store '{_store}'.", ex);
            }
            _secrets[secretName] = values;
        }
        return values.TryGetValue(key, out var value) ? value : null;
    }

    public void Dispose() => _client.Dispose();
}
