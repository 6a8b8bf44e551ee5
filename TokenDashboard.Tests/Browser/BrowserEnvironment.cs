namespace TokenDashboard.Tests.Browser;

/// <summary>
/// Where the browser tests find Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium. No browser is ever
/// downloaded. Without one the tests are skipped with a message, except under CI=true where that is a failure.
/// </summary>
public static class BrowserEnvironment
{
    public const string InstallHint = "No Chromium found: install it with `apt-get install chromium` or set CHROMIUM_PATH.";

    public static string? ChromiumPath { get; } = Find();

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }
}

/// <summary>A test that needs Chromium: skipped without one, unless CI=true (then it runs and fails loudly).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserEnvironment.ChromiumPath is null && !BrowserEnvironment.IsCi)
        {
            Skip = BrowserEnvironment.InstallHint;
        }
    }
}
