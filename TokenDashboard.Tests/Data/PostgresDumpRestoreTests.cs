using System.Diagnostics;
using Npgsql;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Data;

/// <summary>
/// On PostgreSQL the backup is the server's own: the commands docs/OPERATIONS.md gives (<c>pg_dump -Fc</c>, then
/// <c>pg_restore --no-owner</c> into a fresh database) are run here, and the app started on the restored database
/// finds its tokens and its Data Protection keys (a browser's cookie from before still signs it in).
/// </summary>
public sealed class PostgresDumpRestoreTests
{
    [PostgresFact]
    public async Task A_pg_dump_restored_into_a_fresh_database_serves_the_same_tokens_and_cookies()
    {
        using var original = new TempDatabase(DatabaseProvider.Postgres);
        using var fresh = new TempDatabase(DatabaseProvider.Postgres);
        var dump = Path.Combine(Path.GetTempPath(), $"tokendashboard-{Guid.NewGuid():N}.dump");
        string token;
        string cookie;
        try
        {
            await using (var app = new KestrelAppFactory(database: original))
            {
                using var client = app.NewClient();
                var session = (await client.PostApiAsync("users.Authentication.Signin", null,
                    ("login", AppFactory.DemoEmail), ("password", AppFactory.DemoPassword)))["session"].GetString()!;
                var created = await client.PostApiAsync("users.Authentication.CreateToken", session,
                    ("description", "dumped"), ("tokenTemplate", "ide plugins"), ("password", AppFactory.DemoPassword));
                token = created["token"].GetProperty("key").GetString()!;
                using var browser = app.NewClient();
                Assert.Equal(System.Net.HttpStatusCode.Redirect, (await browser.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword)).StatusCode);
                cookie = app.CookieHeaderOf(browser);
            }

            await RunAsync("pg_dump", original, "-Fc", "-f", dump);
            await RunAsync("pg_restore", fresh, "--no-owner", "--exit-on-error");

            await using var restored = new KestrelAppFactory(database: fresh);
            using var restoredClient = restored.NewClient();
            Assert.Equal(0, (await restoredClient.BearerApiAsync("users.Account.GetUserInfo", token)).Result);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/settings");
            request.Headers.Add("Cookie", cookie);
            var page = await restoredClient.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        }
        finally
        {
            File.Delete(dump);
        }

        async Task RunAsync(string tool, TempDatabase database, params string[] args)
        {
            var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            var info = new ProcessStartInfo(PostgresTool(tool)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(), "-U", connection.Username!, "-d", connection.Database! }.Concat(args))
            {
                info.ArgumentList.Add(arg);
            }
            if (tool == "pg_restore")
            {
                info.ArgumentList.Add(dump);
            }
            info.Environment["PGPASSWORD"] = connection.Password;
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, $"{tool}: {await error}");
        }
    }

    /// <summary>Debian puts the client tools of each server version under /usr/lib/postgresql/N/bin; the newest one wins.</summary>
    private static string PostgresTool(string name) =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin", name)).Where(File.Exists).Order().LastOrDefault() ?? name
            : name;
}
