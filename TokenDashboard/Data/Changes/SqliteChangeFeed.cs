using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TokenDashboard.Data.Changes;

/// <summary>
/// SQLite, for several processes on one file: a notice is a row of <c>ChangeNotices</c> written in the change's
/// transaction. Every process polls through a connection of its own every <see cref="PollInterval"/>:
/// <c>PRAGMA data_version</c> (which moves whenever another connection commits) says whether to look, and then the
/// rows after the last one seen are read. SQLite commits one writer at a time, so ids are seen in order and a gap
/// means rows were missed (trimmed before this process read them): then everything remembered is voided.
/// A successful poll proves that everything committed before it started has been seen (<see cref="ChangeFeed.IsCurrent"/>).
/// </summary>
internal sealed class SqliteChangeFeed(AppDatabase database, ILogger<SqliteChangeFeed> logger) : ChangeFeed
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Notices kept for slow readers; a process more than this many behind starts over.</summary>
    private const int Kept = 10_000;

    protected override Task AnnounceAsync(AppDbContext db, string payload, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ChangeNotices" ("Payload") VALUES ({payload}); DELETE FROM "ChangeNotices" WHERE "Id" <= last_insert_rowid() - {Kept};""",
            cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wasLost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Lost();
                if (!wasLost)
                {
                    logger.LogWarning("Cannot read change notices ({Reason}); remembered answers are not trusted until it can", ex.GetBaseException().Message);
                }
                wasLost = true;
            }
            await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        await using var version = new SqliteCommand("PRAGMA data_version", connection);
        await using var read = new SqliteCommand("""SELECT "Id", "Payload" FROM "ChangeNotices" WHERE "Id" > $last ORDER BY "Id" """, connection);
        var last = read.Parameters.Add("$last", SqliteType.Integer);

        long? seenVersion = null;
        long lastId;
        await using (var max = new SqliteCommand("""SELECT coalesce(max("Id"), 0) FROM "ChangeNotices" """, connection))
        {
            lastId = (long)(await max.ExecuteScalarAsync(stoppingToken))!;
        }
        RaiseResynced();

        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = Stopwatch.GetTimestamp();
            var current = (long)(await version.ExecuteScalarAsync(stoppingToken))!;
            if (current != seenVersion)
            {
                last.Value = lastId;
                await using var rows = await read.ExecuteReaderAsync(stoppingToken);
                while (await rows.ReadAsync(stoppingToken))
                {
                    var id = rows.GetInt64(0);
                    if (id != lastId + 1)
                    {
                        RaiseResynced(); // rows were trimmed before this process saw them
                    }
                    lastId = id;
                    Deliver(rows.GetString(1), logger);
                }
                seenVersion = current;
            }
            Proven(startedAt);
            await Task.Delay(PollInterval, stoppingToken);
        }
    }
}
