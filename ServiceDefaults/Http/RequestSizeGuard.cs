using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Refuses a request whose declared Content-Length is over its endpoint's body limit with 413 problem+json before
/// anything reads it. Kestrel would refuse it too, but only once the body is read: behind the gateway that is
/// after the proxy started forwarding, and the caller got a 502 instead of a 413 it can act on.
/// It runs after routing, so an endpoint that declares a larger limit (<see cref="IRequestSizeLimitMetadata"/>,
/// e.g. the SSDA903 import) gets it; every other request keeps the server's default.
/// </summary>
public static class RequestSizeGuard
{
    private const long DrainLimitBytes = 16 * 1024 * 1024;

    public static IApplicationBuilder UseRequestSizeGuard(this IApplicationBuilder app) => app.Use(async (context, proceed) =>
    {
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false } && context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointLimit)
        {
            sizeFeature.MaxRequestBodySize = endpointLimit.MaxRequestBodySize;
        }
        if (context.Request.ContentLength is { } length && sizeFeature?.MaxRequestBodySize is { } max && length > max)
        {
            // Read and drop a moderately oversized body first: closing the connection with it unread resets
            // the socket, and the caller would lose the 413 too. Anything larger is cut off.
            if (length <= DrainLimitBytes && !sizeFeature.IsReadOnly)
            {
                sizeFeature.MaxRequestBodySize = DrainLimitBytes;
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            await ProblemResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"At most {max} bytes are accepted.");
            return;
        }
        await proceed(context);
    });
}
