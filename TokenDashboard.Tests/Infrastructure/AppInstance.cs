using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>`dotnet TokenDashboard.dll` as a process of its own on a free loopback port, with a client for it.</summary>
public sealed class AppInstance : IDisposable
{
    private readonly Process process;

    private AppInstance(Process process, int port)
    {
        this.process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }
    public HttpClient Client { get; }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> errors = new();

    /// <summary>Every line the process wrote to stdout so far (its console log), in order of arrival.</summary>
    public IReadOnlyList<string> Output => [.. output];

    /// <summary>Every line the process wrote to stderr so far.</summary>
    public IReadOnlyList<string> Errors => [.. errors];

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    /// <summary>Starts the app on <paramref name="database"/> and waits until /healthz answers 200.</summary>
    public static async Task<AppInstance> StartAsync(TempDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var info = AppProcess.StartInfo(database, "--urls", $"http://127.0.0.1:{port}");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info)!;
        var app = new AppInstance(process, port);
        process.OutputDataReceived += (_, e) => Keep(app.output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(app.errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddMinutes(3); // a loaded 2-core CI machine can be slow to start .NET
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

    /// <summary>The demo account's API session.</summary>
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

    public static int FreePort()
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
