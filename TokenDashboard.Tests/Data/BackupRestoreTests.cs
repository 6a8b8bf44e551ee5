using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using TokenDashboard.Data;
using TokenDashboard.Data.Backup;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Data;

/// <summary>
/// <c>dotnet TokenDashboard.dll backup --to FILE</c> and <c>restore --from FILE</c> as an operator runs them (real
/// processes) against the app as a process of its own on real SQLite files: a backup taken while the API is under load restores into an
/// app where every token acknowledged before it still works; bad files and paths get one clear line and change nothing.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string Password = AppFactory.DemoPassword;

    [Fact]
    public async Task A_backup_taken_under_API_load_restores_into_an_app_where_every_acknowledged_token_works()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        using var restored = new TempDatabase(DatabaseProvider.Sqlite);
        var backup = Path.Combine(Path.GetDirectoryName(database.FilePath)!, "backup.db");
        var acknowledged = new ConcurrentQueue<string>();
        string cookie;
        // The load is one token from one address, far above what the rate limits let through.
        using (var app = await AppInstance.StartAsync(database, new Dictionary<string, string>
        {
            ["RateLimits__PerClientAddress"] = "10000000",
            ["RateLimits__PerCredential"] = "10000000",
        }))
        {
            var client = app.Client;
            var session = await app.SigninAsync();
            var loadToken = await CreateTokenAsync(client, session, "load");
            var cookies = new CookieContainer();
            using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = client.BaseAddress })
            {
                Assert.Equal(HttpStatusCode.Redirect, (await browser.PostSignInAsync(AppFactory.DemoEmail, Password)).StatusCode);
            }
            cookie = string.Join("; ", cookies.GetCookies(client.BaseAddress!).Select(c => $"{c.Name}={c.Value}"));
            using var creating = new CancellationTokenSource();
            var creator = Task.Run(async () =>
            {
                for (var n = 0; !creating.IsCancellationRequested; n++)
                {
                    acknowledged.Enqueue(await CreateTokenAsync(client, session, $"t{n}"));
                }
            });
            // wrk runs until the backup is done, however long a loaded machine takes to start the backup's process.
            using var wrk = StartWrk(new Uri(app.Client.BaseAddress!, ApiClient.PathOf("users.Account.GetUserInfo")), loadToken, seconds: 300);
            await Task.Delay(1500);

            // Tokens acknowledged before the backup starts must be in it; those made during it may or may not be.
            var before = acknowledged.ToArray();
            var (exit, output, error) = await AppProcess.RunAsync(database, "backup", "--to", backup);
            Assert.True(exit == 0, error);
            Assert.Contains("Backed up", output);
            var madeDuring = acknowledged.Count - before.Length;
            Assert.False(wrk.HasExited, "wrk had stopped before the backup finished: the backup was not taken under load.");

            creating.Cancel();
            await creator;
            await StopAsync(wrk);
            var wrkOutput = await wrk.StandardOutput.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            Assert.Equal(0, wrk.ExitCode);
            Assert.DoesNotContain("Non-2xx", wrkOutput);
            Assert.True(before.Length > 0 && madeDuring >= 0, wrkOutput);
            acknowledged.Clear();
            foreach (var token in before.Prepend(loadToken))
            {
                acknowledged.Enqueue(token);
            }
        }

        var restore = await AppProcess.RunAsync(restored, "restore", "--from", backup);
        Assert.True(restore.ExitCode == 0, restore.Error);
        using var again = await AppInstance.StartAsync(restored);
        foreach (var token in acknowledged)
        {
            Assert.Equal(0, (await again.Client.BearerApiAsync("users.Account.GetUserInfo", token)).Result);
        }
        // The Data Protection keys came along: a browser signed in before the backup is still signed in.
        using var page = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = again.Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/settings");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await page.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Restore_refuses_while_an_instance_serves_the_database_and_changes_nothing()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        using var app = await AppInstance.StartAsync(database);
        var client = app.Client;
        var token = await CreateTokenAsync(client, await app.SigninAsync(), "kept");
        var backup = Path.Combine(Path.GetDirectoryName(database.FilePath)!, "backup.db");
        Assert.Equal(0, (await AppProcess.RunAsync(database, "backup", "--to", backup)).ExitCode);

        var (exit, _, error) = await AppProcess.RunAsync(database, "restore", "--from", backup);

        Assert.Equal(1, exit);
        Assert.Contains("an instance of TokenDashboard is serving", error);
        Assert.Equal(0, (await client.BearerApiAsync("users.Account.GetUserInfo", token)).Result);
        Assert.Equal(["backup.db", "test.db"], FilesBeside(database));
    }

    [Fact]
    public async Task Restore_from_a_truncated_foreign_or_missing_file_says_so_and_changes_nothing()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        var folder = Path.GetDirectoryName(database.FilePath)!;
        var backup = Path.Combine(folder, "backup.db");
        using (await AppInstance.StartAsync(database))
        {
            Assert.Equal(0, (await AppProcess.RunAsync(database, "backup", "--to", backup)).ExitCode);
        }
        var truncated = Path.Combine(folder, "truncated.db");
        var bytes = await File.ReadAllBytesAsync(backup);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var foreign = Path.Combine(folder, "foreign.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello');";
            create.ExecuteNonQuery();
        }
        var text = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(text, new string('x', 8192));
        var files = FilesBeside(database);
        var before = Fingerprint(database);

        var cases = new (string File, string Says)[]
        {
            (truncated, "is not a readable SQLite database"),
            (foreign, "is not a TokenDashboard database"),
            (text, "is not a readable SQLite database"),
            (Path.Combine(folder, "missing.db"), "does not exist"),
        };
        foreach (var (file, says) in cases)
        {
            var (exit, output, error) = await AppProcess.RunAsync(database, "restore", "--from", file);
            Assert.Equal(1, exit);
            Assert.Contains(says, error);
            Assert.Contains(file, error);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.Equal("", output);
        }

        Assert.Equal(before, Fingerprint(database));
        Assert.Equal(files, FilesBeside(database));
    }

    [Fact]
    public async Task Backup_to_a_path_it_cannot_write_says_so_and_writes_nothing()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        var folder = Path.GetDirectoryName(database.FilePath)!;
        using (await AppInstance.StartAsync(database))
        {
        }
        var existing = Path.Combine(folder, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var cases = new (string Target, string Says)[]
        {
            ("/proc/tokendashboard-backup.db", "cannot write the backup to '/proc/tokendashboard-backup.db'"),
            (Path.Combine(folder, "no-such-folder", "b.db"), "does not exist"),
            (existing, "already exists"),
            (folder, "is a folder"),
        };
        foreach (var (target, says) in cases)
        {
            var (exit, output, error) = await AppProcess.RunAsync(database, "backup", "--to", target);
            Assert.Equal(1, exit);
            Assert.Contains(says, error);
            Assert.Equal("", output);
        }
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        Assert.Equal(["existing.db", "test.db"], FilesBeside(database));
        Assert.Equal(2, (await AppProcess.RunAsync(database, "backup")).ExitCode);
    }

    [Fact]
    public async Task The_command_never_starts_the_app_so_a_missing_database_stays_missing()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);

        var (exit, _, error) = await AppProcess.RunAsync(database, "backup", "--to", database.FilePath + ".bak");

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", error);
        Assert.False(File.Exists(database.FilePath));
    }

    [Fact]
    public async Task An_instance_does_not_start_while_a_restore_holds_the_database()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        using (await AppInstance.StartAsync(database))
        {
        }
        using var restoring = SqliteServingLock.TryExclusive(database.FilePath);
        Assert.NotNull(restoring);

        var (exit, _, error) = await AppProcess.RunAsync(database, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exit);
        Assert.Contains("held exclusively by another program", error);
    }

    private static async Task<string> CreateTokenAsync(HttpClient client, string session, string description)
    {
        var answer = await client.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", description), ("tokenTemplate", "ide plugins"), ("password", Password));
        Assert.True(answer.Result == 0, answer.Body);
        return answer["token"].GetProperty("key").GetString()!;
    }

    private static Process StartWrk(Uri url, string token, int seconds)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t1", "-c8", $"-d{seconds}s", "-H", $"Authorization: Bearer {token}", url.ToString() })
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    /// <summary>SIGINT: wrk stops, prints what it measured and exits with 0.</summary>
    private static async Task StopAsync(Process wrk)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", $"{wrk.Id}" }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>The files in the database's folder, SQLite's own -wal and -shm aside: no half-written or moved-aside file.</summary>
    private static string[] FilesBeside(TempDatabase database) =>
        [.. Directory.EnumerateFiles(Path.GetDirectoryName(database.FilePath)!).Select(f => Path.GetFileName(f))
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static string Fingerprint(TempDatabase database) =>
        string.Join(",", new[] { database.FilePath, database.FilePath + "-wal" }.Where(File.Exists)
            .Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
}
