using TokenDashboard.Benchmarks.Infrastructure;

namespace TokenDashboard.Benchmarks.Load;

/// <summary>
/// Start-up: the Release app launched against an existing database (migrated, seeded, already used), timed from
/// Process.Start to the first 200 on /healthz; one launch at a time, each ended before the next.
/// </summary>
internal static class StartupRun
{
    public static async Task<IReadOnlyList<double>> MeasureAsync(BenchStore database, BenchOptions options, TextWriter log)
    {
        var environment = LoadRun.Environment(database, options, trackLastUsed: true);
        var times = new List<double>();
        for (var i = 0; i < options.StartupLaunches; i++)
        {
            await using var app = await AppProcess.StartAsync(environment);
            times.Add(app.StartedIn.TotalMilliseconds);
            log.WriteLine($"Start-up {i + 1}/{options.StartupLaunches}: first 200 on /healthz after {app.StartedIn.TotalMilliseconds:F0} ms");
        }
        times.Sort();
        return times;
    }
}
