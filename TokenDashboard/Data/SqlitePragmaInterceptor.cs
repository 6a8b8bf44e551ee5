using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TokenDashboard.Data;

/// <summary>
/// Sets the per-connection pragmas every connection needs. WAL itself is a property of the file and is set once
/// at start-up (<see cref="DatabaseInitializer"/>).
/// busy_timeout: writers wait for each other instead of failing with "database is locked".
/// synchronous=FULL: in WAL mode NORMAL can lose the last commits on power loss; FULL makes every
/// acknowledged change durable, which is what we promise (see SECURITY.md).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
