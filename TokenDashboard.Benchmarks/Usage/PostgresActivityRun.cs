using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using TokenDashboard.Accounts;
using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Benchmarks.Report;
using TokenDashboard.Benchmarks.Tab;
using TokenDashboard.Data;
using static TokenDashboard.Benchmarks.Report.ResultsTable;

namespace TokenDashboard.Benchmarks.Usage;

/// <summary>
/// The Activity tab's first page on PostgreSQL (<c>--provider postgres --parts usage</c>): the demo account gets
/// 1,000,000 audit entries (100,000 in smoke; the same mix as on SQLite, <see cref="UsageRun.TokenOf"/>) by binary COPY, the table is analyzed, and the query behind the first
/// page (<see cref="ActivityLog.PageAsync"/>: the count up to 10,000, the newest 25, their tokens' names) is timed
/// through the app's own services; the plan of the page query goes to the log, to show the (UserId, At) index read
/// backwards rather than a sort.
/// </summary>
internal static class PostgresActivityRun
{
    public static async Task RunAsync(BenchStore store, BenchOptions options, ResultsTable table, TextWriter log)
    {
        var rows = options.Smoke ? 100_000 : 1_000_000;
        var stopwatch = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(store.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                """COPY "AuditEvents" ("UserId", "TokenId", "Action", "At", "Ip") FROM STDIN (FORMAT BINARY)"""))
            {
                var actions = new[] { nameof(AuditAction.Created), nameof(AuditAction.Edited), nameof(AuditAction.Regenerated), nameof(AuditAction.Copied), nameof(AuditAction.PasswordRejected) };
                var start = DateTime.UtcNow;
                for (var i = 0; i < rows; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(store.DemoUserId, NpgsqlDbType.Text);
                    if (UsageRun.TokenOf(i) is { } token)
                    {
                        await copy.WriteAsync(token, NpgsqlDbType.Integer);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }
                    await copy.WriteAsync(actions[i % actions.Length], NpgsqlDbType.Varchar);
                    await copy.WriteAsync(start.AddSeconds(-i * 7), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("203.0.113.7", NpgsqlDbType.Varchar);
                }
                for (var i = 0; i < UsageRun.RevokedTokenRows(options); i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(store.DemoUserId, NpgsqlDbType.Text);
                    await copy.WriteAsync(UsageRun.RevokedToken, NpgsqlDbType.Integer);
                    await copy.WriteAsync(actions[i % 4], NpgsqlDbType.Varchar);
                    await copy.WriteAsync(start.AddSeconds(-i * 7 - 3), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("203.0.113.7", NpgsqlDbType.Varchar);
                }
                await copy.CompleteAsync();
            }
            await using (var revoked = new NpgsqlCommand(
                """INSERT INTO "AuditEvents" ("UserId", "TokenId", "Action", "At", "Ip", "Detail", "TokenName") VALUES (@user, @token, 'RevokedByHolder', now(), '203.0.113.7', 'revoked by its holder from 203.0.113.7', @name)""", connection))
            {
                revoked.Parameters.AddWithValue("user", store.DemoUserId);
                revoked.Parameters.AddWithValue("token", UsageRun.RevokedToken);
                revoked.Parameters.AddWithValue("name", UsageRun.RevokedTokenName);
                await revoked.ExecuteNonQueryAsync();
            }
            await using var analyze = new NpgsqlCommand("""ANALYZE "AuditEvents" """, connection);
            await analyze.ExecuteNonQueryAsync();
            await using var explain = new NpgsqlCommand(
                """EXPLAIN SELECT "Id" FROM "AuditEvents" WHERE "UserId" = @user ORDER BY "At" DESC, "Id" DESC LIMIT 25""", connection);
            explain.Parameters.AddWithValue("user", store.DemoUserId);
            await using var plan = await explain.ExecuteReaderAsync();
            log.WriteLine($"Activity on PostgreSQL: {rows:N0} audit entries copied in {stopwatch.Elapsed.TotalSeconds:F1} s; the first page's plan:");
            while (await plan.ReadAsync())
            {
                log.WriteLine("  " + plan.GetString(0));
            }
        }

        await using var app = await InProcessApp.OpenAsync(store.Settings);
        await UsageRun.MeasureActivityAsync(app.Get<ActivityLog>(), store.DemoUserId, rows, "Usage, PostgreSQL", options, table);
        await UsageRun.MeasureExportAsync(app.Get<ActivityLog>(), store.DemoUserId, "Usage, PostgreSQL", options, table);
    }
}
