using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TokenDashboard.Data.Changes;

/// <summary>
/// PostgreSQL: a notice is <c>pg_notify</c> inside the change's transaction (PostgreSQL sends it on commit, and only
/// then), heard through one dedicated connection that LISTENs. That connection also runs a trivial query every
/// <see cref="PingInterval"/>: PostgreSQL delivers pending notifications before a query's answer, so a ping that
/// started after a commit and came back proves that commit's notice has been heard (<see cref="ChangeFeed.IsCurrent"/>).
/// A broken connection is reopened every half second, and each reopening voids what every listener remembers.
/// </summary>
internal sealed class PostgresChangeFeed(AppDatabase database, ILogger<PostgresChangeFeed> logger) : ChangeFeed
{
    public const string Channel = "tokendashboard_changes";
    private static readonly TimeSpan PingInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    protected override Task AnnounceAsync(AppDbContext db, string payload, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wasLost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
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
                    logger.LogWarning("Lost the change notifications from PostgreSQL ({Reason}); remembered answers are not trusted until they are back",
                        ex.GetBaseException().Message);
                }
                wasLost = true;
            }
            await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Its own connection, outside the pool: it lives as long as the app and must not be handed to anyone else.
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 5 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Notification += (_, e) => Deliver(e.Payload, logger);
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        // Listening from here on; whatever was committed while nobody listened is unknown, so forget it all.
        RaiseResynced();
        logger.LogInformation("Listening for change notifications on {Database}", database.Name);

        await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 5 };
        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = Stopwatch.GetTimestamp();
            await ping.ExecuteScalarAsync(stoppingToken);
            Proven(startedAt);
            await connection.WaitAsync(PingInterval, stoppingToken);
        }
    }
}
