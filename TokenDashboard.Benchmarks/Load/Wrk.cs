using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TokenDashboard.Benchmarks.Load;

/// <summary>One wrk run, parsed from its <c>--latency</c> output.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors, string Raw)
{
    public long Errors => Non2xx + SocketErrors;

    /// <summary>Several runs of the same case as one: requests and errors add up, latencies are averaged.</summary>
    public static WrkResult Combine(IReadOnlyList<WrkResult> runs) => new(
        runs.Average(r => r.RequestsPerSecond), runs.Average(r => r.P50Ms), runs.Average(r => r.P99Ms),
        runs.Sum(r => r.Requests), runs.Sum(r => r.Non2xx), runs.Sum(r => r.SocketErrors), string.Join("\n", runs.Select(r => r.Raw)));
}

/// <summary>
/// Drives HTTP load with Debian's wrk (<c>/usr/bin/wrk</c>): <c>wrk -t2 -c32 -dNs --latency</c>, the credential in
/// an <c>Authorization: Bearer</c> header. Only ever pointed at 127.0.0.1.
/// </summary>
internal static partial class Wrk
{
    public const string Path = "/usr/bin/wrk";

    public static bool Installed => File.Exists(Path);

    public static async Task<WrkResult> RunAsync(string url, string? bearer, TimeSpan duration, int threads, int connections)
    {
        if (!url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
        {
            throw new ArgumentException("Load goes to this machine's loopback only.", nameof(url));
        }
        var info = new ProcessStartInfo(Path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"-t{threads}", $"-c{connections}", $"-d{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s", "--latency", "--timeout", "5s" })
        {
            info.ArgumentList.Add(arg);
        }
        if (bearer is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add($"Authorization: Bearer {bearer}");
        }
        info.ArgumentList.Add(url);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(duration + TimeSpan.FromSeconds(60));
        var text = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await stderr}\n{text}");
        }
        return Parse(text);
    }

    public static WrkResult Parse(string text)
    {
        var rps = Number(RequestsPerSecond().Match(text), "Requests/sec");
        var requests = (long)Number(Requests().Match(text), "requests in");
        var p50 = Latency(text, "50%");
        var p99 = Latency(text, "99%");
        var non2xx = Non2xx().Match(text) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        long socketErrors = 0;
        if (SocketErrors().Match(text) is { Success: true } s)
        {
            socketErrors = Enumerable.Range(1, 4).Sum(i => long.Parse(s.Groups[i].Value, CultureInfo.InvariantCulture));
        }
        return new WrkResult(rps, p50, p99, requests, non2xx, socketErrors, text);
    }

    private static double Latency(string text, string percentile)
    {
        var match = Regex.Match(text, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new FormatException($"No {percentile} latency in wrk's output:\n{text}");
        }
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    private static double Number(Match match, string what) =>
        match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new FormatException($"No '{what}' in wrk's output.");

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
