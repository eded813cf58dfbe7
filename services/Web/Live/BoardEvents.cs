using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using MassTransit;
using Platform.Contracts.Inspections.V1;
using Platform.Web.Gateway;

namespace Platform.Web.Live;

/// <summary>An indicator changed: the boards on screen re-read its tile.</summary>
public sealed record IndicatorChange(string Code, string Status, DateOnly AsAt);

/// <summary>
/// Fans the Inspections service's indicator events out to every open board (one channel per Server-Sent Events
/// connection). A slow browser loses old notices rather than holding the others up.
/// </summary>
public sealed class BoardEvents
{
    private readonly ConcurrentDictionary<Guid, Channel<IndicatorChange>> _subscribers = new();

    public int Subscribers => _subscribers.Count;

    public void Publish(IndicatorChange change)
    {
        foreach (var channel in _subscribers.Values) channel.Writer.TryWrite(change);
    }

    public async IAsyncEnumerable<IndicatorChange?> SubscribeAsync(TimeSpan heartbeat, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<IndicatorChange>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[id] = channel;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                IndicatorChange? next = null;
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    wait.CancelAfter(heartbeat);
                    try
                    {
                        next = await channel.Reader.ReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Nothing within the heartbeat: yield null so the connection sends a keep-alive comment.
                    }
                }
                yield return next;
            }
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }
}

/// <summary>Inspections' indicator events, received on this instance's own temporary queue.</summary>
public sealed class IndicatorChangedConsumer(BoardEvents events) : IConsumer<IndicatorValueChanged>, IConsumer<IndicatorStatusChanged>
{
    public Task Consume(ConsumeContext<IndicatorValueChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        events.Publish(new IndicatorChange(context.Message.IndicatorCode, context.Message.Status, context.Message.AsAt));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<IndicatorStatusChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        events.Publish(new IndicatorChange(context.Message.IndicatorCode, context.Message.Status, context.Message.AsAt));
        return Task.CompletedTask;
    }
}

public static class BoardEventsEndpoint
{
    /// <summary><c>GET /board/events</c>: Server-Sent Events, one <c>indicator</c> event per change, a comment every 15 s.</summary>
    public static IEndpointRouteBuilder MapBoardEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/board/events", async (HttpContext context, BoardEvents events, CancellationToken cancellationToken) =>
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
            await context.Response.WriteAsync(": connected\n\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            try
            {
                await foreach (var change in events.SubscribeAsync(TimeSpan.FromSeconds(15), cancellationToken))
                {
                    var text = change is null
                        ? ": keep-alive\n\n"
                        : $"event: indicator\ndata: {JsonSerializer.Serialize(change, GatewayClient.Json)}\n\n";
                    await context.Response.WriteAsync(text, cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The browser went away.
            }
        });
        return app;
    }
}
