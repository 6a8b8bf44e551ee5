using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Hosting;

/// <summary>
/// /metrics as Prometheus scrapes it, from the app as a process on a real port: the app's own counters after real API
/// calls, with the right labels and no secret anywhere in the text; the 404 for anyone not allowed; the change feed's
/// health gauge following PostgreSQL's LISTEN connection.
/// </summary>
public sealed partial class MetricsTests
{
    private static readonly Dictionary<string, string> Enabled = new() { ["Metrics__Enabled"] = "true" };

    [Fact]
    public async Task After_API_calls_metrics_carry_the_apps_counters_with_bounded_labels_and_no_secret()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        using var app = await AppInstance.StartAsync(database, Enabled);
        var session = await app.SigninAsync();
        var created = await app.Client.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "metrics"), ("tokenTemplate", "ide plugins"), ("password", AppFactory.DemoPassword));
        var token = created["token"].GetProperty("key").GetString()!;
        var unknown = TokenFormat.Generate();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, (await app.Client.GetApiAsync("users.Account.GetUserInfo", token)).Result);
        }
        Assert.NotEqual(0, (await app.Client.GetApiAsync("users.Account.GetUserInfo", unknown)).Result);
        Assert.NotEqual(0, (await app.Client.GetApiAsync("users.Account.GetUserInfo", "tdt_not-a-token")).Result);
        Assert.NotEqual(0, (await app.Client.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "x"), ("tokenTemplate", "ide plugins"), ("password", "Wrong-Password-1!"))).Result);
        // A token kept to other addresses, refused here and then revoked by its holder; another reported as leaked.
        var elsewhere = (await app.Client.PostApiAsync("users.Authentication.CreateToken", session, ("description", "office"),
            ("tokenTemplate", "ide plugins"), ("ipList", "198.51.100.0/24"), ("password", AppFactory.DemoPassword)))["token"].GetProperty("key").GetString()!;
        Assert.Equal(30, (await app.Client.GetApiAsync("users.Account.GetUserInfo", elsewhere)).Result);
        Assert.Equal(0, (await app.Client.GetApiAsync("users.Authentication.RevokeToken", elsewhere)).Result);
        var leaked = (await app.Client.PostApiAsync("users.Authentication.CreateToken", session, ("description", "leaked"),
            ("tokenTemplate", "ide plugins"), ("password", AppFactory.DemoPassword)))["token"].GetProperty("key").GetString()!;
        Assert.Equal(0, (await app.Client.PostApiAsync(ApiCatalog.ReportLeakedTokens, null, ("tokens", leaked))).Result);

        var text = await app.Client.GetStringAsync("/metrics");

        Assert.True(Value(text, "tokendashboard_api_calls_total", ("method", "users.Account.GetUserInfo"), ("result", "0")) >= 3, text);
        Assert.True(Value(text, "tokendashboard_api_calls_total", ("method", "users.Authentication.Signin"), ("result", "0")) >= 1, text);
        Assert.True(Value(text, "tokendashboard_token_checks_total", ("outcome", "valid"), ("answered_by", "database")) >= 1, text);
        Assert.True(Value(text, "tokendashboard_token_checks_total", ("outcome", "valid"), ("answered_by", "memory")) >= 1, text);
        Assert.True(Value(text, "tokendashboard_token_checks_total", ("outcome", "unknown"), ("answered_by", "database")) >= 1, text);
        Assert.True(Value(text, "tokendashboard_token_checks_total", ("outcome", "malformed"), ("answered_by", "format")) >= 1, text);
        Assert.True(Value(text, "tokendashboard_password_checks_total", ("path", "confirm"), ("outcome", "wrong")) >= 1, text);
        Assert.True(Value(text, "tokendashboard_password_checks_total", ("path", "sign_in"), ("outcome", "right")) >= 1, text);
        Assert.True(Value(text, "tokendashboard_token_checks_total", ("outcome", "address_refused"), ("answered_by", "allow_list")) >= 1, text);
        Assert.True(Value(text, "tokendashboard_tokens_created_total", ("how", "generated")) >= 3, text);
        Assert.Equal(1, Value(text, "tokendashboard_tokens_revoked_total", ("how", "revoked_by_holder")));
        Assert.Equal(1, Value(text, "tokendashboard_tokens_revoked_total", ("how", "reported_leaked")));
        Assert.True(Value(text, "tokendashboard_change_feed_notices_sent_total", ("topic", "tokens")) >= 1, text);
        Assert.Equal(1, Value(text, "tokendashboard_change_feed_healthy"));
        Assert.Contains("http_server_request_duration_seconds", text);

        foreach (var secret in new[] { token, token[4..], session, session[4..], unknown, elsewhere[4..], leaked[4..], AppFactory.DemoEmail, AppFactory.DemoPassword, "Wrong-Password-1!" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
        // The client's address is in no label (the server's own listening address, in Kestrel's figures, is bounded).
        Assert.DoesNotContain("client_address", text);
        Assert.DoesNotContain("peer", text);
    }

    [Fact]
    public async Task Metrics_are_a_404_when_off_and_from_an_address_outside_the_allowed_networks()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        using (var off = await AppInstance.StartAsync(database))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await off.Client.GetAsync("/metrics")).StatusCode);
        }
        using var elsewhere = await AppInstance.StartAsync(database, new Dictionary<string, string>(Enabled) { ["Metrics__AllowedNetworks"] = "10.0.0.0/8, 192.168.1.7" });
        var refused = await elsewhere.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("tokendashboard_", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task On_a_metrics_port_only_metrics_are_served_there_and_the_apps_own_port_no_longer_serves_them()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        var metricsPort = AppInstance.FreePort();
        using var app = await AppInstance.StartAsync(database, new Dictionary<string, string>(Enabled) { ["Metrics__Port"] = $"{metricsPort}" });
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };

        var scraped = await scraper.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Equal(1, Value(await scraped.Content.ReadAsStringAsync(), "tokendashboard_change_feed_healthy"));
        // Not a second door into the app: pages, the API and health there are 404s, whatever the caller sends.
        foreach (var path in new[] { "/healthz", "/", "/Account/Login", "/1.0/users/authentication/rest/gettokentemplates" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/healthz")).StatusCode);
    }

    [PostgresFact]
    public async Task The_feed_health_gauge_drops_when_the_LISTEN_connection_is_killed_and_recovers()
    {
        using var database = new TempDatabase(DatabaseProvider.Postgres);
        using var app = await AppInstance.StartAsync(database, Enabled);
        await WaitForAsync(app, 1);
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;

        using (var admin = TestDatabaseServer.OpenMaintenance())
        {
            // No new connection may reach the database (superusers included), so the feed stays down until allowed again.
            await ExecuteAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            try
            {
                await ExecuteAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')");
                await WaitForAsync(app, 0);
            }
            finally
            {
                await ExecuteAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
            }
        }

        await WaitForAsync(app, 1);
    }

    private static async Task WaitForAsync(AppInstance app, double healthy)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        do
        {
            text = await app.Client.GetStringAsync("/metrics");
            if (Value(text, "tokendashboard_change_feed_healthy") == healthy)
            {
                return;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"The feed's health never became {healthy}:\n{text}");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>; null if none.</summary>
    private static double? Value(string text, string metric, params (string Name, string Value)[] labels)
    {
        double? sum = null;
        foreach (Match sample in Sample().Matches(text))
        {
            if (sample.Groups["name"].Value == metric
                && labels.All(l => sample.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                sum = (sum ?? 0) + double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return sum;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
