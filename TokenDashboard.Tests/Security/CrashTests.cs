using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// The app as a real process on a temp database, killed with SIGKILL in the middle of writes, then started again:
/// every change it acknowledged is there, and (on SQLite) the file passes its integrity check.
/// </summary>
public sealed class CrashTests
{
    private const int Rounds = 3;

    [Fact]
    public async Task Every_acknowledged_change_survives_kill_dash_nine()
    {
        using var database = new TempDatabase();
        var acknowledged = new ConcurrentBag<string>();
        var random = new Random(20261128);

        for (var round = 0; round < Rounds; round++)
        {
            using (var app = await AppInstance.StartAsync(database))
            {
                var session = await app.SigninAsync();
                using var writing = new CancellationTokenSource();
                var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
                {
                    for (var n = 0; !writing.IsCancellationRequested; n++)
                    {
                        var name = $"r{round}-w{w}-n{n}";
                        try
                        {
                            var answer = await app.Client.GetApiAsync("environment.Control.CreateEnvironment", session, ("envName", name));
                            if (answer.Result == 0)
                            {
                                acknowledged.Add(name);
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return; // the process is gone: this write was never acknowledged
                        }
                        catch (TaskCanceledException)
                        {
                            return;
                        }
                    }
                })).ToList();

                await Task.Delay(random.Next(300, 1500));
                app.Kill();
                writing.Cancel();
                await Task.WhenAll(writers);
            }

            AssertIntact(database);
        }

        using var final = await AppInstance.StartAsync(database);
        var envs = await final.Client.GetApiAsync("environment.Control.GetEnvs", await final.SigninAsync());
        var names = envs["envs"].EnumerateArray().Select(e => e.GetProperty("envName").GetString()).ToHashSet();
        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, name => Assert.Contains(name, names));
        AssertIntact(database);
    }

    /// <summary>SQLite's file must pass its integrity check; PostgreSQL's files are the server's own business.</summary>
    private static void AssertIntact(TempDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal("ok", IntegrityCheck(database));
        }
    }

    private static string IntegrityCheck(TempDatabase database)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={database.FilePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
