using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TokenDashboard.Data;

/// <summary>
/// Sets the per-connection pragmas every connection needs. WAL itself is a property of the file and is set once
/// at start-up (<see cref="DatabaseInitializer"/>).
/// busy_timeout: writers wait for each other instead of failing with "database is locked".
/// synchronous=FULL: in WAL mode NORMAL can lose the last commits on power loss; FULL makes every
/// acknowledged change durable, which is what we promise (see SECURITY.md).
/// Both belong to the native SQLite connection and survive Microsoft.Data.Sqlite's pool (returning a connection
/// resets neither), so they run once per physical connection, not on every open of a pooled one: that is every
/// query, and the two statements cost several microseconds each time (see the benchmarks' anatomy cases).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";

    /// <summary>Native connections that already have the pragmas; an entry goes when its connection is collected.</summary>
    private static readonly ConditionalWeakTable<object, object> Prepared = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection, out var native))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(native);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection, out var native))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(native);
        }
    }

    /// <summary>
    /// The native handle identifies the physical connection behind a pooled <see cref="SqliteConnection"/>; anything
    /// else gets the pragmas on every open, as before.
    /// </summary>
    private static bool NeedsPragmas(DbConnection connection, out object? native)
    {
        native = (connection as SqliteConnection)?.Handle;
        return native is null || !Prepared.TryGetValue(native, out _);
    }

    private static void Remember(object? native)
    {
        if (native is not null)
        {
            Prepared.AddOrUpdate(native, Prepared);
        }
    }
}
