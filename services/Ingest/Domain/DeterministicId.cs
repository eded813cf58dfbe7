using System.Security.Cryptography;
using System.Text;

namespace Platform.Ingest.Domain;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name). The same name always gives the same id,
/// so an event's CloudEvents source and id give the same broker message id however often it is published, and an
/// HR employee number gives the same Workforce worker id from every departmental system.
/// </summary>
public static class DeterministicId
{
    /// <summary>Namespace of the platform's ingest ids (a fixed random UUID).</summary>
    public static readonly Guid Namespace = new("5b0e3f7c-2d4a-4c61-9a8e-6f1d2c3b4a59");

    public static Guid ForEvent(string source, string id) => Create($"event\n{source}\n{id}");

    /// <summary>The Workforce worker id of an HR employee number (case-insensitive).</summary>
    public static Guid ForEmployee(string employeeNumber) => Create($"employee\n{employeeNumber.Trim().ToUpperInvariant()}");

    public static Guid Create(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(name)];
        Namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 ids; it is no security boundary here.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
