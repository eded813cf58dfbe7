using Platform.ServiceDefaults.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway;

/// <summary>
/// Gives the answers YARP makes itself a problem+json body a caller can act on: a chunked body over the route's limit
/// (413, found only while forwarding, so the size guard cannot see it), an unreadable request body (400), a service
/// that cannot be reached (502) or did not answer in time (504). YARP sets the status and leaves the body empty.
/// </summary>
internal static class ForwarderErrors
{
    public static IReverseProxyApplicationBuilder UseForwarderErrorProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            if (context.GetForwarderErrorFeature() is not { } failure || context.Response.HasStarted) return;
            var (title, detail) = failure.Error switch
            {
                _ when context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                    ("The request body is too large.", "The body was longer than this route accepts; nothing was forwarded to the service."),
                ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled =>
                    ("The request body could not be read.", "The client stopped sending the body; nothing was changed."),
                ForwarderError.RequestTimedOut =>
                    ("The service did not answer in time.", "Whether the request took effect is unknown: read before retrying a change."),
                // Refused before anything was sent, or a read: safe to try again. A write whose connection broke after it was
                // sent may have been applied.
                _ when HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    || failure.Exception is System.Net.Http.HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } } =>
                    ("The service is unavailable.", "The gateway could not reach the service; nothing was sent to it. Try again shortly."),
                _ => ("The service is unavailable.", "The connection to the service failed while the request was being handled, so whether it took effect is unknown: "
                    + "retry with the same Idempotency-Key, or read before retrying."),
            };
            if (context.Response.StatusCode < 400) return;
            await ProblemResponse.WriteAsync(context, context.Response.StatusCode, title, detail);
        });
        return proxy;
    }
}
