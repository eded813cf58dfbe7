using System.Text;
using RabbitMQ.Client;

namespace Platform.Tests;

/// <summary>A private queue bound to a MassTransit publish exchange, read with plain RabbitMQ.Client.</summary>
internal sealed class EventListener : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private EventListener(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public static async Task<EventListener> BindAsync(string exchange)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(PlatformFixture.RabbitMq) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "");
        return new EventListener(connection, channel, queue);
    }

    public async Task<(string Body, string Headers)> WaitForAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var result = await _channel.BasicGetAsync(_queue, autoAck: true);
            if (result is null)
            {
                await Task.Delay(100);
                continue;
            }
            var body = Encoding.UTF8.GetString(result.Body.Span);
            if (!match(body)) continue;
            var headers = string.Join(";", (result.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .Select(h => $"{h.Key}={(h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value)}"));
            return (body, headers + ";" + body);
        }
        throw new TimeoutException("The event was not published within 30 seconds.");
    }

    /// <summary>Every message that arrives until none has come for <paramref name="quiet"/>.</summary>
public async Task<List<string>> DrainAsync(TimeSpan quiet)
{
    var bodies = new List<string>();
    var lastSeen = DateTime.UtcNow;
    while (DateTime.UtcNow - lastSeen < quiet)
    {
        var result = await _channel.BasicGetAsync(_queue, autoAck: true);
        if (result is null)
        {
            await Task.Delay(50);
            continue;
        }
        bodies.Add(Encoding.UTF8.GetString(result.Body.Span));
        lastSeen = DateTime.UtcNow;
    }
    return bodies;
}

public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
