using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.AppHostTests;

/// <summary>One span as an app exported it.</summary>
public sealed record ExportedSpan(string Service, string Scope, string Name, string TraceId, int Kind)
{
    public override string ToString() => $"{Service}: {Name} ({Scope})";
}

/// <summary>
/// An OTLP/HTTP receiver in place of the dashboard: the apps export to it (protobuf), it keeps every span and answers
/// 200 to logs and metrics. The protobuf is read by hand: the few fields needed (service.name, scope, span name, trace
/// id, kind) of ExportTraceServiceRequest.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<ExportedSpan> Spans { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces") ReadTraces(body.ToArray());
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1 }
    private void ReadTraces(byte[] request)
    {
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1) continue;
            var service = "";
            var scopes = new List<byte[]>();
            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2 }
            foreach (var (f, value) in Fields(resourceSpans))
            {
                if (f == 1) service = Attribute(value, "service.name") ?? service;
                if (f == 2) scopes.Add(value);
            }
            foreach (var scopeSpans in scopes)
            {
                // ScopeSpans { InstrumentationScope scope = 1 (name = 1); repeated Span spans = 2 }
                var scope = "";
                foreach (var (f, value) in Fields(scopeSpans))
                {
                    if (f == 1) scope = Text(Fields(value).FirstOrDefault(x => x.Field == 1).Value);
                    if (f != 2) continue;
                    // Span { bytes trace_id = 1; ...; string name = 5; SpanKind kind = 6 }
                    string traceId = "", name = "";
                    var kind = 0;
                    foreach (var (sf, sv) in Fields(value, varints: true))
                    {
                        if (sf == 1) traceId = Convert.ToHexString(sv).ToLowerInvariant();
                        if (sf == 5) name = Text(sv);
                        if (sf == 6) kind = sv.Length > 0 ? sv[0] : 0;
                    }
                    Spans.Enqueue(new ExportedSpan(service, scope, name, traceId, kind));
                }
            }
        }
    }

    // Resource { repeated KeyValue attributes = 1 }, KeyValue { string key = 1; AnyValue value = 2 (string_value = 1) }
    private static string? Attribute(byte[] resource, string key)
    {
        foreach (var (f, keyValue) in Fields(resource))
        {
            if (f != 1) continue;
            var fields = Fields(keyValue).ToList();
            if (Text(fields.FirstOrDefault(x => x.Field == 1).Value) != key) continue;
            var any = fields.FirstOrDefault(x => x.Field == 2).Value;
            return any is null ? null : Text(Fields(any).FirstOrDefault(x => x.Field == 1).Value);
        }
        return null;
    }

    private static string Text(byte[]? value) => value is null ? "" : Encoding.UTF8.GetString(value);

    /// <summary>The length-delimited fields of a message (and, when asked, varints as one byte), skipping the rest.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message, bool varints = false)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    var number = ReadVarint(message, ref position);
                    if (varints) yield return (field, [(byte)Math.Min(number, 255)]);
                    break;
                case 1: position += 8; break;
                case 5: position += 4; break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return (field, message[position..(position + length)]);
                    position += length;
                    break;
                default: throw new InvalidDataException($"protobuf wire type {tag & 7} is not expected in OTLP");
            }
        }
    }

    private static ulong ReadVarint(byte[] buffer, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
