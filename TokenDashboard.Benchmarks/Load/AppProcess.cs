using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TokenDashboard.Benchmarks.Infrastructure;

namespace TokenDashboard.Benchmarks.Load;

/// <summary>
/// The app as an operator runs it: <c>dotnet TokenDashboard.dll</c> from its Release build, Production environment,
/// on 127.0.0.1 and a free port, against a given (already migrated, seeded) database, logging at Warning. Started
/// and ended by this harness only, by its own process id.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public int ProcessId => process.Id;

    /// <summary>From Process.Start to the first 200 on /healthz (database reachable).</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>The environment every launch gets, before the caller's additions.</summary>
    public static Dictionary<string, string> BaseEnvironment(BenchStore store)
    {
        var environment = Defaults();
        foreach (var (key, value) in store.Settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return environment;
    }

    private static Dictionary<string, string> Defaults() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DemoAccount__Password"] = InProcessApp.DemoPassword,
        // A production operator's level: request logging at Information would time the console, not the app.
        ["Logging__LogLevel__Default"] = "Warning",
        // The load measures the API's own cost: a single client at tens of thousands of requests a second is exactly
        // what the rate limits exist to stop, so lift them out of the way for this run.
        ["RateLimits__PerClientAddress"] = "100000000",
        ["RateLimits__PerCredential"] = "100000000",
    };

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(BenchPaths.AppDll))
        {
            throw new FileNotFoundException($"The app's build is missing: {BenchPaths.AppDll}. Run the benchmarks with -c Release.");
        }
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(BenchPaths.AppDll)!,
        };
        info.ArgumentList.Add(BenchPaths.AppDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = TimeSpan.FromSeconds(60);
        while (stopwatch.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before answering /healthz:\n{app.Output}");
            }
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{port}/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    app.StartedIn = stopwatch.Elapsed;
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(10);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The app did not answer 200 on /healthz within {deadline.TotalSeconds} s:\n{app.Output}");
    }

    /// <summary>What the app printed (the first 64,000 characters), for error messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            if (output.Length < 64_000)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>VmRSS and VmHWM (peak) from /proc, in MiB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }
        return (rss, peak);

        static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }
}
