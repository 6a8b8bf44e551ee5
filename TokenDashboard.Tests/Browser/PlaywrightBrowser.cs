using Microsoft.Playwright;

namespace TokenDashboard.Tests.Browser;

/// <summary>Headless Debian Chromium through Playwright, for tests that bring their own app (e.g. behind a proxy).</summary>
public sealed class PlaywrightBrowser : IAsyncDisposable
{
    private PlaywrightBrowser(IPlaywright playwright, IBrowser browser)
    {
        Playwright = playwright;
        Browser = browser;
    }

    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }

    public static async Task<PlaywrightBrowser> LaunchAsync()
    {
        var path = BrowserEnvironment.ChromiumPath
            ?? throw new InvalidOperationException($"The browser tests cannot run. {BrowserEnvironment.InstallHint}");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = BrowserEnvironment.LaunchArgs,
        });
        return new PlaywrightBrowser(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
