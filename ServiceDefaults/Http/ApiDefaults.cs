using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Security;
using Scalar.AspNetCore;

namespace Platform.ServiceDefaults.Http;

public static class ApiDefaults
{
    /// <summary>Largest request body a domain API accepts; bulk imports raise it per endpoint.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>OpenAPI document, JSON conventions and request limits shared by the domain services.</summary>
    public static IHostApplicationBuilder AddApiDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(options => options.AddValidationSchemas());
        builder.Services.AddValidationProblemKeys();
        builder.AddPlatformSecurity();
        builder.Services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
            // Text is returned as stored, but HTML-significant characters (< > & ' ") are \u-escaped, so a
            // response mistaken for HTML can never run script a caller stored. (ASP.NET's default is relaxed.)
            options.SerializerOptions.Encoder = JavaScriptEncoder.Default;
        });
        // Unreadable bodies and parameters reach ApiExceptionHandler in every environment, so the problem+json
        // names the JSON field (by default only Development throws; Production answers a bare "Bad Request").
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency")
            .Validate(o => o.Retention > TimeSpan.Zero && o.Retention <= TimeSpan.FromDays(30), "Idempotency:Retention must be more than 0 and at most 30 days.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Error handling (every failure is problem+json), the OpenAPI document at <c>/openapi/v1.json</c> with a Scalar UI
    /// at <c>/scalar</c>, and the health endpoints; authentication and authorisation (see <see cref="SecurityExtensions"/>).
    /// </summary>
    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseRequestSizeGuard();
        app.UseQueryBounds();
        app.UsePlatformSecurity();
        app.UseIdempotencyKeys();
        // The API's shape is public (it holds no data); every operation in it needs a token.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapDefaultEndpoints();
        return app;
    }
}
