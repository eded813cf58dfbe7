using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Failures of a dependency (the database, the cache, the network) rather than of the request or message itself: they
/// pass when the dependency is back. An API answers them 503; a consumer waits them out instead of parking the message.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        // A PostgresException is the server refusing the statement (a constraint, bad data) unless PostgreSQL itself
        // says the error is transient (shutting down, too many connections, ...); any other NpgsqlException is I/O.
        NpgsqlException npgsql => npgsql.IsTransient || npgsql is not PostgresException,
        DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        RedisConnectionException or RedisTimeoutException => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>True when the database could not even be connected to: nothing can have been changed.</summary>
    public static bool IsConnectionRefused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable }) return true;
            if (current is PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections }) return true;
        }
        return false;
    }
}
