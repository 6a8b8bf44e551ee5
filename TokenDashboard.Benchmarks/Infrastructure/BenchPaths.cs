namespace TokenDashboard.Benchmarks.Infrastructure;

/// <summary>
/// Where things are: the repository (found by walking up to TokenDashboard.sln), BenchmarkDotNet's artifacts folder at
/// its root (gitignored), the cached seeded databases under its <c>temp/</c>, and the app's own Release build.
/// </summary>
internal static class BenchPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Artifacts => Path.Combine(RepositoryRoot, "BenchmarkDotNet.Artifacts");

    /// <summary>Seeded databases kept between runs (never in the repository: the whole folder is gitignored).</summary>
    public static string SeedCache => Directory.CreateDirectory(Path.Combine(Artifacts, "temp", "seeded")).FullName;

    /// <summary>A fresh folder for one run's working copies (the load and start-up write to their database).</summary>
    public static string NewRunFolder() =>
        Directory.CreateDirectory(Path.Combine(Artifacts, "temp", "run-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"))).FullName;

    public static string SummaryMarkdown => Path.Combine(Artifacts, "results", "performance.md");

    /// <summary>
    /// The app as built by this same Release build (the project reference builds it): its own output folder, with
    /// its runtimeconfig, deps and the root appsettings.json beside it.
    /// </summary>
    public static string AppDll => Path.Combine(RepositoryRoot, "TokenDashboard", "bin", BuildConfiguration, "net10.0", "TokenDashboard.dll");

    public static string BuildConfiguration =>
        typeof(BenchPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Release";

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TokenDashboard.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Cannot find TokenDashboard.sln above the benchmark's folder or the current directory.");
    }
}
