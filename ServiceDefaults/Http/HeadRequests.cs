using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// HEAD answered as the GET it mirrors, without the body (RFC 9110 §9.3.2): the same status and headers, so a client
/// can check a resource or a download without fetching it. Minimal APIs map GET only; without this every HEAD the
/// gateway forwards (its read routes allow GET and HEAD) was a 405.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            // Back to HEAD before the response starts, so the server sends the headers and no body.
            context.Request.Method = HttpMethods.Head;
            context.Response.Body = body;
        }
    });
}
