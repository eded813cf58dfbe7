using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Tools.DemoLoader;

/// <summary>
/// The gateway's public APIs with the demo's bearer token: JSON requests (camelCase, absent values left out) and the
/// answers as JSON. A non-2xx answer fails with <see cref="ApiException"/>, which carries the response body.
/// </summary>
public sealed class ApiClient : IDisposable
{
    /// <summary>How request bodies are written: camelCase, null members omitted (as the scripts left them out).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly string _base;

    public ApiClient(Uri gateway, string token)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        // A local gateway is reached directly, whatever proxy the environment names.
#pragma warning disable CA2000 // the handler is disposed with the client
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = !gateway.IsLoopback }, disposeHandler: true)
#pragma warning restore CA2000
        {
            // The 903 import of about 2,000 episodes takes seconds; a slow machine gets room.
            Timeout = TimeSpan.FromMinutes(10),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _base = gateway.ToString().TrimEnd('/');
        Gateway = _base;
    }

    /// <summary>The gateway's address without a trailing slash, as the progress lines print it.</summary>
    public string Gateway { get; }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync<T>(string path, T body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body, options: Json), cancellationToken);

    public Task<JsonElement> PutAsync<T>(string path, T body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, JsonContent.Create(body, options: Json), cancellationToken);

    /// <summary>POST without a body (the daily checks take their date from the query).</summary>
    public Task<JsonElement> PostEmptyAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new StringContent("", Encoding.UTF8, "application/json"), cancellationToken);

    public Task<JsonElement> PostContentAsync(string path, HttpContent content, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, content, cancellationToken);

    /// <summary>POST a JSON body and answer the created resource's own (top-level) id.</summary>
    public async Task<Guid> CreateAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        var created = await PostAsync(path, body, cancellationToken).ConfigureAwait(false);
        return IdOf(created, path);
    }

    public static Guid IdOf(JsonElement resource, string path) =>
        resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("id", out var id) && id.TryGetGuid(out var guid)
            ? guid
            : throw new ApiException($"POST {path}: the answer has no id: {resource.GetRawText()}");

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base + path)) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException($"{method} {path}: {(int)response.StatusCode} {response.ReasonPhrase}: {body}", (int)response.StatusCode, body);
        }
        if (string.IsNullOrWhiteSpace(body)) return default;
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The gateway refused a request (or answered something the loader cannot use); the message carries the body.</summary>
public sealed class ApiException : Exception
{
    public ApiException()
    {
    }

    public ApiException(string message) : base(message)
    {
    }

    public ApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ApiException(string message, int statusCode, string body) : base(message)
    {
        StatusCode = statusCode;
        Body = body;
    }

    /// <summary>The HTTP status, 0 when the answer was a success the loader could not use.</summary>
    public int StatusCode { get; }

    public string? Body { get; }
}
