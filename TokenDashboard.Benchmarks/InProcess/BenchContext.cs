using System.Collections.Concurrent;
using TokenDashboard.Benchmarks.Infrastructure;

namespace TokenDashboard.Benchmarks.InProcess;

/// <summary>
/// What the in-process benchmarks share. BenchmarkDotNet runs them in this process (in-process toolchain), so the
/// seeded databases and the app containers over them are prepared once by Program and reused by every case.
/// </summary>
internal static class BenchContext
{
    private static readonly ConcurrentDictionary<int, Lazy<InProcessApp>> Apps = new();

    public static Dictionary<int, SeededDatabase> Databases { get; } = [];

    public static int[] StoreSizes => [.. Databases.Keys.Order()];

    public static SeededDatabase Database(int storeSize) => Databases[storeSize];

    /// <summary>The app's container over the store of that size, built on first use and kept for the run.</summary>
    public static InProcessApp App(int storeSize) =>
        Apps.GetOrAdd(storeSize, size => new Lazy<InProcessApp>(() => InProcessApp.OpenAsync(Databases[size].FilePath).GetAwaiter().GetResult())).Value;

    public static async Task DisposeAsync()
    {
        foreach (var app in Apps.Values.Where(a => a.IsValueCreated))
        {
            await app.Value.DisposeAsync();
        }
        Apps.Clear();
    }
}
