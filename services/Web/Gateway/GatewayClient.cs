using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Platform.Web.Security;

namespace Platform.Web.Gateway;

/// <summary>
/// The only way the web app reaches the services: through the gateway (<c>Gateway:BaseAddress</c>), with the signed-in
/// user's access token, so the gateway and each service apply the user's own role. Failures come back as an
/// <see cref="ApiProblem"/> (the problem+json title, detail and field errors) for the page to show, never as an exception.
/// </summary>
public sealed partial class GatewayClient(HttpClient http, IHttpContextAccessor accessor, ILogger<GatewayClient> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    /// <summary>A text answer (e.g. a CSV report) as it is.</summary>
    public async Task<ApiResult<string>> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var request = await AuthorizeAsync(new HttpRequestMessage(HttpMethod.Get, path));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? ApiResult.Success<string>(await response.Content.ReadAsStringAsync(cancellationToken))
                : ApiResult.Failure<string>(await ApiProblem.ReadAsync(response, cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failure<string>(Unreachable(ex));
        }
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        using var request = await AuthorizeAsync(message);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) return ApiResult.Failure<T>(await ApiProblem.ReadAsync(response, cancellationToken));
            var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return value is null ? ApiResult.Failure<T>(new ApiProblem(502, "The service gave an empty answer.", null)) : ApiResult.Success<T>(value);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failure<T>(Unreachable(ex));
        }
    }

    private async Task<HttpRequestMessage> AuthorizeAsync(HttpRequestMessage request)
    {
        if (accessor.HttpContext is { } context && await context.GetTokenAsync(WebAuthentication.AccessToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private ApiProblem Unreachable(Exception ex)
    {
        LogUnreachable(logger, ex);
        return new ApiProblem((int)HttpStatusCode.ServiceUnavailable, "The service could not be reached.", "Try again in a moment; if it persists, an operator can check the Operations page.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway could not be reached or answered unreadably.")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}

/// <summary>An answer of the gateway: a value, or the problem to show.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool IsSuccess => Problem is null;

}

public static class ApiResult
{
    public static ApiResult<T> Success<T>(T value) => new(value, null);

    public static ApiResult<T> Failure<T>(ApiProblem problem) => new(default, problem);
}

/// <summary>A problem+json answer, readable: title, detail and the field errors (by JSON field name).</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var fallback = status switch
        {
            401 => "Your sign-in has expired. Sign in again.",
            403 => "Your role may not do that.",
            404 => "Not found.",
            _ => $"The service answered {status}.",
        };
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json") || body.Length == 0)
            {
                return new ApiProblem(status, fallback, null);
            }
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : fallback;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in e.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(v => v.ToString()).ToArray()
                        : [field.Value.ToString()];
                }
            }
            return new ApiProblem(status, title, detail) { Errors = errors };
        }
        catch (JsonException)
        {
            return new ApiProblem(status, fallback, null);
        }
    }
}
