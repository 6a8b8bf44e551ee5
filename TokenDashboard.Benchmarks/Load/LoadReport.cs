using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Benchmarks.Report;
using TokenDashboard.Data;
using static TokenDashboard.Benchmarks.Report.ResultsTable;

namespace TokenDashboard.Benchmarks.Load;

/// <summary>The HTTP load's rows of the table: every case as a ratio to the bare endpoint (a), with the targets of issues #7 and #14.</summary>
internal static class LoadReport
{
    /// <summary>Runs the load on <paramref name="store"/>, adds its rows; returns what went wrong (a wrong answer, a non-200).</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(BenchStore store, BenchOptions options, ResultsTable table, TextWriter log)
    {
        var load = await LoadRun.RunAsync(store, options, log);
        var a = load["a"];
        var http = store.Provider == DatabaseProvider.Postgres ? "HTTP load, PostgreSQL" : "HTTP load";
        foreach (var key in new[] { "a", "b", "c", "d", "e", "b-off", "b-metrics" })
        {
            var result = load[key];
            var label = load.Results.First(r => r.Case.Key == key).Case.Label;
            var figure = $"{result.RequestsPerSecond:N0} req/s, p50 {Milliseconds(result.P50Ms)}, p99 {Milliseconds(result.P99Ms)}, {result.Errors} errors";
            var share = result.RequestsPerSecond / a.RequestsPerSecond;
            var ratio = key == "a" ? "1.00× (a)" : Factor(share) + " (a)";
            var goal = key switch { "b" => 0.5, "c" => 0.4, "d" => 0.5, "e" => 0.8, _ => (double?)null };
            if (goal is { } g)
            {
                table.Target(http, label, figure, ratio, $"≥ {g:0.0}× (a)", share >= g);
            }
            else
            {
                table.Info(http, label, figure, ratio);
            }
        }
        var on = load["b"].RequestsPerSecond;
        var off = load["b-off"].RequestsPerSecond;
        table.Target(http, "last-used tracking and usage recording on vs off, case (b)", $"{on:N0} vs {off:N0} req/s", Factor(on / off), "≥ 0.95×", on >= 0.95 * off);
        var metered = load["b-metrics"].RequestsPerSecond;
        table.Target(http, "metrics on vs off (Metrics:Enabled), case (b)", $"{metered:N0} vs {on:N0} req/s", Factor(metered / on), "≥ 0.95×", metered >= 0.95 * on);
        var errors = load.Results.Sum(r => r.Result.Errors);
        var requests = load.Results.Sum(r => r.Result.Requests);
        table.Target(http, "errors and non-200 answers, all cases", $"{errors} of {requests:N0} requests", "", "0", errors == 0 && load.Problems.Count == 0);
        table.Info("Memory", $"resident memory after the load, {store.Describe()} (VmRSS; peak VmHWM)", $"{load.RssMiB:F0} MiB (peak {load.PeakMiB:F0} MiB)");
        table.Note($"HTTP: wrk -t{options.WrkThreads} -c{options.WrkConnections} --latency, {options.LoadDuration.TotalSeconds:0.#} s per case in two rounds of mirrored order " +
                   $"(figures are their means), after warming every path of both processes up until two {options.LoadWarmup.TotalSeconds:0.#}-s runs agree within 5 %; " +
                   "token as Authorization: Bearer, app in Release with ASPNETCORE_ENVIRONMENT=Production and Logging__LogLevel__Default=Warning; " +
                   $"wrk and the app{(store.Provider == DatabaseProvider.Postgres ? " and PostgreSQL" : "")} share the machine's cores.");
        return load.Problems;
    }
}
