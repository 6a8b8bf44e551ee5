using TokenDashboard.Data.Changes;
using BenchmarkDotNet.Attributes;
using TokenDashboard.Platform;

namespace TokenDashboard.Benchmarks.InProcess;

/// <summary>
/// GetEnvs' read of the demo account's environments: from the per-user memory, and as the first call after an
/// environment change (the memory void, so one EF query) — the before and after of remembering it, in one run.
/// </summary>
public class EnvironmentListBenchmarks
{
    private EnvironmentService environments = default!;
    private ChangeTopic changes = default!;
    private string userId = "";

    [GlobalSetup]
    public void Setup()
    {
        var size = BenchContext.StoreSizes[0];
        var app = BenchContext.App(size);
        environments = app.Get<EnvironmentService>();
        changes = app.Get<ChangeTopics>().Environments;
        userId = BenchContext.Database(size).DemoUserId;
        if (environments.ListAsync(userId).GetAwaiter().GetResult().Count == 0)
        {
            throw new InvalidOperationException("The demo account has no environments: the seeded store is not what the benchmark expects.");
        }
    }

    [Benchmark]
    public Task<IReadOnlyList<EnvironmentSummary>> ListRemembered() => environments.ListAsync(userId);

    /// <summary>An environment change heard voids every remembered list (here: forgotten by hand, so no write).</summary>
    [Benchmark]
    public Task<IReadOnlyList<EnvironmentSummary>> ListAfterChange()
    {
        changes.Forget();
        return environments.ListAsync(userId);
    }
}
