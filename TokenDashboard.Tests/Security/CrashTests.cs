using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
            using (var app = await RunningApp.StartAsync(database))
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

        using var final = await RunningApp.StartAsync(database);
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

    /// <summary>`dotnet TokenDashboard.dll` on a free loopback port, with a client for it.</summary>
    private sealed class RunningApp : IDisposable
    {
        private readonly Process process;

        private RunningApp(Process process, Uri address)
        {
            this.process = process;
            Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        }

        public HttpClient Client { get; }

        public static async Task<RunningApp> StartAsync(TempDatabase database)
        {
            var port = FreePort();
            var info = AppProcess.StartInfo(database, "--urls", $"http://127.0.0.1:{port}");
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new RunningApp(process, new Uri($"http://127.0.0.1:{port}"));

            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (true)
            {
                Assert.False(process.HasExited, "The app exited during start-up.");
                try
                {
                    if ((await app.Client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                    {
                        return app;
                    }
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                }
                await Task.Delay(100);
            }
        }

        public async Task<string> SigninAsync()
        {
            var answer = await Client.PostApiAsync("users.Authentication.Signin", null,
                ("login", AppFactory.DemoEmail), ("password", AppFactory.DemoPassword));
            Assert.Equal(0, answer.Result);
            return answer["session"].GetString()!;
        }

        /// <summary>SIGKILL: no shutdown hooks, no flush, exactly a crash.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Kill();
            }
            Client.Dispose();
            process.Dispose();
        }
    }
}
