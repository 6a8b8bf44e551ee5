using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Benchmarks.Load;

/// <summary>One HTTP case: what is asked, with which credential, and what every answer must be.</summary>
internal sealed record LoadCase(string Key, string Label, string Path, string? Bearer, int? ExpectedResult);

internal sealed record LoadCaseResult(LoadCase Case, WrkResult Result);

internal sealed record LoadOutcome(IReadOnlyList<LoadCaseResult> Results, double RssMiB, double PeakMiB, IReadOnlyList<string> Problems)
{
    public WrkResult this[string key] => WrkResult.Combine(Results.Where(r => r.Case.Key == key).Select(r => r.Result).ToList());
}

/// <summary>
/// The HTTP load: three app processes on the seeded database — one as configured (recording token use on), one with
/// <c>Usage__Record=false</c>, one as configured with <c>Metrics__Enabled=true</c> — and wrk against each case for a
/// fixed time, after a warm-up of every path in
/// every process.
/// </summary>
internal static class LoadRun
{
    public const string Healthz = "/healthz/live";
    public const string GetUserInfo = "/1.0/users/account/rest/getuserinfo";
    public const string GetEnvs = "/1.0/environment/control/rest/getenvs";

    public static async Task<LoadOutcome> RunAsync(BenchStore database, BenchOptions options, TextWriter log)
    {
        var probe = database.ProbeToken;
        var unknown = TokenFormat.Generate();
        var malformed = probe[..^1] + (probe[^1] == 'a' ? 'b' : 'a'); // right prefix and length, wrong checksum

        var on = Environment(database, options, trackLastUsed: true);
        var off = Environment(database, options, trackLastUsed: false);
        // The same as "on" with the Prometheus metrics recording (and nobody scraping): what the meter costs the call.
        var measured = new Dictionary<string, string>(on) { ["Metrics__Enabled"] = "true" };
        await using var appOn = await AppProcess.StartAsync(on);
        await using var appOff = await AppProcess.StartAsync(off);
        await using var appMetrics = await AppProcess.StartAsync(measured);
        log.WriteLine($"App (tracking on) pid {appOn.ProcessId} on {appOn.BaseUrl}; app (tracking off) pid {appOff.ProcessId} on {appOff.BaseUrl}; " +
                      $"app (metrics on) pid {appMetrics.ProcessId} on {appMetrics.BaseUrl}");

        var plan = new (AppProcess App, LoadCase Case)[]
        {
            (appOn, new("a", "(a) /healthz/live", Healthz, null, null)),
            (appOn, new("b", "(b) users.Account.GetUserInfo, valid token", GetUserInfo, probe, 0)),
            (appOn, new("c", "(c) environment.Control.GetEnvs, valid token", GetEnvs, probe, 0)),
            (appOn, new("d", "(d) well-formed unknown token", GetUserInfo, unknown, 702)),
            (appOn, new("e", "(e) malformed token (bad checksum)", GetUserInfo, malformed, 702)),
            (appOff, new("b-off", "(b) with last-used tracking and usage recording off", GetUserInfo, probe, 0)),
            (appMetrics, new("b-metrics", "(b) with metrics on (Metrics:Enabled)", GetUserInfo, probe, 0)),
        };

        var problems = new List<string>();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (app, loadCase) in plan)
        {
            var answer = await CheckAsync(client, app.BaseUrl + loadCase.Path, loadCase, problems);
            log.WriteLine($"{loadCase.Label}: one request first answers {answer}");
        }
        // Both processes run every path first, until its throughput settles: the JIT takes seconds of load to tier a
        // path up, and a case measured before that would time the compiler.
        foreach (var (app, loadCase) in plan)
        {
            var previous = 0.0;
            for (var run = 1; run <= options.WarmupRuns; run++)
            {
                var warm = await Wrk.RunAsync(app.BaseUrl + loadCase.Path, loadCase.Bearer, options.LoadWarmup, options.WrkThreads, options.WrkConnections);
                if (previous > 0 && Math.Abs(warm.RequestsPerSecond - previous) <= 0.05 * previous)
                {
                    break;
                }
                previous = warm.RequestsPerSecond;
            }
        }

        // Two rounds in mirrored order (a..e, b-off, then b-off, e..a), each half the case's time: whatever else the
        // machine does drifts out of the ratios instead of landing on whichever case ran last.
        var results = new List<LoadCaseResult>();
        var half = options.LoadDuration / 2;
        foreach (var (app, loadCase) in plan.Concat(plan.Reverse()))
        {
            var url = app.BaseUrl + loadCase.Path;
            var result = await Wrk.RunAsync(url, loadCase.Bearer, half, options.WrkThreads, options.WrkConnections);
            log.WriteLine($"{loadCase.Label}: {result.RequestsPerSecond:N0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, " +
                          $"{result.Requests:N0} requests, {result.Non2xx} non-2xx, {result.SocketErrors} socket errors");
            if (result.Errors > 0)
            {
                problems.Add($"{loadCase.Label}: {result.Non2xx} non-2xx answers and {result.SocketErrors} socket errors under load" +
                             (result.Non2xx > 0 ? " (a 429 would mean rate limiting: raise its limits with --app-env)" : ""));
            }
            results.Add(new LoadCaseResult(loadCase, result));
        }
        foreach (var (app, loadCase) in plan)
        {
            await CheckAsync(client, app.BaseUrl + loadCase.Path, loadCase, problems); // still the right answer after the load
        }

        var (rss, peak) = appOn.Memory();
        return new LoadOutcome(results, rss, peak, problems);
    }

    /// <summary>
    /// The environment of the app under load. Rate limiting (if the API gets it) must not trip under this load:
    /// pass its settings with --app-env so they reach both processes.
    /// </summary>
    public static Dictionary<string, string> Environment(BenchStore database, BenchOptions options, bool trackLastUsed)
    {
        var environment = AppProcess.BaseEnvironment(database);
        // One switch for the token-use log: counts per token × method × day and the last use; "off" is the call with neither.
        environment["Usage__Record"] = trackLastUsed ? "true" : "false";
        foreach (var (key, value) in options.AppEnvironment)
        {
            environment[key] = value;
        }
        return environment;
    }

    /// <summary>One request, as curl would send it: HTTP 200 and the expected result code, or a problem.</summary>
    private static async Task<string> CheckAsync(HttpClient client, string url, LoadCase loadCase, List<string> problems)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (loadCase.Bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", loadCase.Bearer);
        }
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var shown = $"HTTP {(int)response.StatusCode} {Shorten(body)}";
        if (response.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"{loadCase.Label}: HTTP {(int)response.StatusCode} instead of 200");
            return shown;
        }
        if (loadCase.ExpectedResult is { } expected)
        {
            var result = JsonDocument.Parse(body).RootElement.GetProperty("result").GetInt32();
            if (result != expected)
            {
                problems.Add($"{loadCase.Label}: result {result} instead of {expected}: {Shorten(body)}");
            }
        }
        else if (body != "Healthy")
        {
            problems.Add($"{loadCase.Label}: '{Shorten(body)}' instead of 'Healthy'");
        }
        return shown;
    }

    private static string Shorten(string body) => body.Length <= 120 ? body : body[..117] + "...";
}
