using System.Diagnostics;
using System.Net;
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
            // Processes of their own: the app's compiled queries belong to one provider per process, and the suites
            // around this test run on SQLite.
            using (var app = await AppInstance.StartAsync(original))
            {
                var created = await app.Client.PostApiAsync("users.Authentication.CreateToken", await app.SigninAsync(),
                    ("description", "dumped"), ("tokenTemplate", "ide plugins"), ("password", AppFactory.DemoPassword));
                token = created["token"].GetProperty("key").GetString()!;
                var cookies = new CookieContainer();
                using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };
                Assert.Equal(HttpStatusCode.Redirect, (await browser.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword)).StatusCode);
                cookie = string.Join("; ", cookies.GetCookies(app.Client.BaseAddress!).Select(c => $"{c.Name}={c.Value}"));
            }

            await RunAsync("pg_dump", original, "-Fc", "-f", dump);
            await RunAsync("pg_restore", fresh, "--no-owner", "--exit-on-error");

            using var restored = await AppInstance.StartAsync(fresh);
            Assert.Equal(0, (await restored.Client.BearerApiAsync("users.Account.GetUserInfo", token)).Result);
            using var page = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = restored.Client.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/settings");
            request.Headers.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.OK, (await page.SendAsync(request)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync("/settings")).StatusCode);
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
