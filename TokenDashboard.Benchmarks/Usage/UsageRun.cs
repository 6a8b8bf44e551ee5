using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using MudBlazor;
using TokenDashboard.Accounts;
using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Benchmarks.Report;
using TokenDashboard.Benchmarks.Tab;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Data;
using TokenDashboard.Tokens;
using static TokenDashboard.Benchmarks.Report.ResultsTable;

namespace TokenDashboard.Benchmarks.Usage;

/// <summary>
/// Usage insight at scale, on a copy of the small store: the probe token (Extended Access) gets 1,000,000 recorded
/// calls spread over 90 days and its methods — aggregate rows, as the recorder writes them, not raw calls — and the
/// demo account 1,000,000 audit entries. Then the token details view's server render (loading the report, the chart,
/// both tables) and the Activity tab's first page (the count and the newest 25 entries with their token names).
/// </summary>
internal static class UsageRun
{
    public const int Days = 90;

    public static async Task RunAsync(SeededDatabase small, BenchOptions options, ResultsTable table, TextWriter log)
    {
        var calls = options.Smoke ? 100_000 : 1_000_000;
        var auditRows = options.Smoke ? 100_000 : 1_000_000;
        var database = small.CopyTo(BenchPaths.NewRunFolder());
        var stopwatch = Stopwatch.StartNew();
        var (tokenId, usageRows) = Seed(database, calls, auditRows, RevokedTokenRows(options));
        log.WriteLine($"Usage: seeded {calls:N0} calls as {usageRows:N0} rows and {auditRows:N0} audit entries in {stopwatch.Elapsed.TotalSeconds:F1} s");

        await using var app = await InProcessApp.OpenAsync(database.FilePath);
        var actor = new Actor(small.DemoUserId, "127.0.0.1");
        var details = await TabRenderer.MeasureAsync(app, "details", options.TabRenders, builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<TokenDetails>(1);
            builder.AddComponentParameter(2, nameof(TokenDetails.TokenId), tokenId);
            builder.AddComponentParameter(3, nameof(TokenDetails.Actor), actor);
            builder.CloseComponent();
        });
        table.Target("Usage", $"token details view, {calls:N0} calls over {Days} days in {usageRows:N0} rows (server render, median of {details.Renders})",
            Milliseconds(details.MedianMs), $"p90 {Milliseconds(details.P90Ms)}", "≤ 100 ms", details.MedianMs <= 100);

        await MeasureActivityAsync(app.Get<ActivityLog>(), small.DemoUserId, auditRows, "Usage", options, table);
        await MeasureExportAsync(app.Get<ActivityLog>(), small.DemoUserId, "Usage", options, table);
        table.Note($"Usage: the details view's render includes reading the token and its {Days}-day report ({usageRows:N0} aggregate rows); the " +
                   "Activity figure is the query behind the tab's first page (MudDataGrid asks for its server data once interactive).");
    }

    /// <summary>Aggregate rows for the probe token (every method, every day, some refusals) and audit entries for the demo account.</summary>
    private static (int TokenId, int UsageRows) Seed(SeededDatabase database, int calls, int auditRows, int revokedRows)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous = OFF;");
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT Id FROM AccessTokens WHERE Description = 'bench probe'";
        var tokenId = Convert.ToInt32(find.ExecuteScalar());

        using var transaction = connection.BeginTransaction();
        var methods = ApiCatalog.FindPreset("extended-access")!.Methods.Order(StringComparer.Ordinal).ToArray();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var usage = connection.CreateCommand();
        usage.Transaction = transaction;
        usage.CommandText = "INSERT INTO TokenUsage (TokenId, Day, Method, Calls, Refused, LastCallAt, LastRefusedAt) VALUES ($t, $d, $m, $c, $r, $at, $rat)";
        var (t, d, m, c, r, at, rat) = (usage.Parameters.Add("$t", SqliteType.Integer), usage.Parameters.Add("$d", SqliteType.Text),
            usage.Parameters.Add("$m", SqliteType.Text), usage.Parameters.Add("$c", SqliteType.Integer), usage.Parameters.Add("$r", SqliteType.Integer),
            usage.Parameters.Add("$at", SqliteType.Text), usage.Parameters.Add("$rat", SqliteType.Text));
        usage.Prepare();
        var rows = 0;
        var perDay = calls / Days;
        for (var day = 0; day < Days; day++)
        {
            var date = today.AddDays(-day);
            var left = day == 0 ? perDay + calls % Days : perDay;
            for (var i = 0; i < methods.Length; i++)
            {
                // A few busy methods and a long tail, as scripts use an API.
                var share = i == methods.Length - 1 ? left : perDay / (2 << Math.Min(i, 10));
                left -= share;
                (t.Value, d.Value, m.Value, c.Value, r.Value) = (tokenId, date.ToString("yyyy-MM-dd"), methods[i], share, 0);
                at.Value = date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
                rat.Value = DBNull.Value;
                usage.ExecuteNonQuery();
                rows++;
            }
            (d.Value, m.Value, c.Value, r.Value, at.Value) = (date.ToString("yyyy-MM-dd"), "users.Authentication.GetTokens", 0, 3, DBNull.Value);
            rat.Value = date.ToDateTime(new TimeOnly(13, 0), DateTimeKind.Utc);
            usage.ExecuteNonQuery();
            rows++;
        }

        using var audit = connection.CreateCommand();
        audit.Transaction = transaction;
        audit.CommandText = "INSERT INTO AuditEvents (UserId, TokenId, Action, At, Ip, Detail) VALUES ($u, $t, $a, $at, '203.0.113.7', NULL)";
        var (u, token, action, when) = (audit.Parameters.Add("$u", SqliteType.Text), audit.Parameters.Add("$t", SqliteType.Integer),
            audit.Parameters.Add("$a", SqliteType.Text), audit.Parameters.Add("$at", SqliteType.Text));
        audit.Prepare();
        var actions = new[] { nameof(AuditAction.Created), nameof(AuditAction.Edited), nameof(AuditAction.Regenerated), nameof(AuditAction.Copied), nameof(AuditAction.PasswordRejected) };
        var start = DateTime.UtcNow;
        for (var i = 0; i < auditRows; i++)
        {
            u.Value = database.DemoUserId;
            token.Value = TokenOf(i) is { } id ? id : DBNull.Value;
            action.Value = actions[i % actions.Length];
            when.Value = start.AddSeconds(-i * 7);
            audit.ExecuteNonQuery();
        }
        u.Value = database.DemoUserId;
        token.Value = RevokedToken;
        for (var i = 0; i < revokedRows; i++)
        {
            action.Value = actions[i % 4]; // the token's own changes, not refusals
            when.Value = start.AddSeconds(-i * 7 - 3);
            audit.ExecuteNonQuery();
        }
        using var revoked = connection.CreateCommand();
        revoked.Transaction = transaction;
        revoked.CommandText = "INSERT INTO AuditEvents (UserId, TokenId, Action, At, Ip, Detail, TokenName) VALUES ($u, $t, 'RevokedByHolder', $at, '203.0.113.7', 'revoked by its holder from 203.0.113.7', $n)";
        revoked.Parameters.AddWithValue("$u", database.DemoUserId);
        revoked.Parameters.AddWithValue("$t", RevokedToken);
        revoked.Parameters.AddWithValue("$at", start.AddSeconds(1));
        revoked.Parameters.AddWithValue("$n", RevokedTokenName);
        revoked.ExecuteNonQuery();
        transaction.Commit();
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        SqliteConnection.ClearAllPools();
        return (tokenId, rows);
    }

    /// <summary>
    /// The query behind the Activity tab's first page (count, newest 25, token names), after 3 warm-ups, median of
    /// <see cref="BenchOptions.TabRenders"/>, as a row of <paramref name="area"/> against the 100 ms target.
    /// </summary>
    public static async Task MeasureActivityAsync(ActivityLog activity, string userId, int auditRows, string area, BenchOptions options, ResultsTable table)
    {
        var times = new List<double>();
        ActivityPage page = default!;
        for (var i = 0; i < 3 + options.TabRenders; i++)
        {
            var watch = Stopwatch.StartNew();
            page = await activity.PageAsync(userId, new ActivityFilter(), 0, 25);
            if (i >= 3)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        var median = TabRenderer.Percentile(times, 0.5);
        table.Target(area, $"Activity tab, first page of 25 over {auditRows:N0} audit rows (count to {page.Total:N0}{(page.More ? "+" : "")}, page, token names incl. removed ones; median of {times.Count})",
            Milliseconds(median), $"p90 {Milliseconds(TabRenderer.Percentile(times, 0.9))}", "≤ 100 ms", median <= 100);
    }

    /// <summary>A token that revoked itself after a long life: its many entries are all named by its revocation entry.</summary>
    public const int RevokedToken = 990_001;

    public const string RevokedTokenName = "bench revoked";

    /// <summary>Entries of <see cref="RevokedToken"/>: 100,000 (10,000 in smoke), the most one CSV export holds.</summary>
    public static int RevokedTokenRows(BenchOptions options) => options.Smoke ? 10_000 : ActivityLog.MaxExportRows;

    /// <summary>
    /// The Activity CSV export, twice: the account's newest entries (as many as an export holds, many tokens, removed
    /// ones among them) and every entry of <see cref="RevokedToken"/> — once quadratic in the entries of a removed
    /// token. One warm-up, then the median of 3 (1 in smoke), against 5 s for 100,000 rows.
    /// </summary>
    public static async Task MeasureExportAsync(ActivityLog activity, string userId, string area, BenchOptions options, ResultsTable table)
    {
        foreach (var (what, filter) in new[] { ("the account's newest entries", new ActivityFilter()), ("one revoked token's entries", new ActivityFilter(TokenId: RevokedToken)) })
        {
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < 1 + (options.Smoke ? 1 : 3); i++)
            {
                var watch = Stopwatch.StartNew();
                var csv = await activity.ExportCsvAsync(userId, filter);
                if (i >= 1)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                rows = csv.Count(c => c == '\n') - 1;
                if (filter.TokenId is not null && !csv.Contains("," + RevokedTokenName + ",", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The revoked token's entries were exported without its name.");
                }
            }
            times.Sort();
            var median = TabRenderer.Percentile(times, 0.5);
            var limit = 5_000.0 * rows / ActivityLog.MaxExportRows;
            table.Target(area, $"Activity CSV export, {what}: {rows:N0} rows with their token names (median of {times.Count})",
                Milliseconds(median), $"max {Milliseconds(times[^1])}", $"≤ {Milliseconds(limit)} ({rows:N0} rows; 5 s per 100,000)", median <= limit);
        }
    }

    /// <summary>
    /// Which token an audit entry names: none for every fifth, a removed one (an id no token has) for every fiftieth —
    /// so the first page, like a real account's, names removed tokens, whose removal entries must be looked up.
    /// </summary>
    public static int? TokenOf(int entry) => entry % 5 == 4 ? null : entry % 50 == 1 ? 900_000 + entry % 7 : 1 + entry % SeededDatabase.DemoTokens;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
