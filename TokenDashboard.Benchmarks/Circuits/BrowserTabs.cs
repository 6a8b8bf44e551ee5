using System.Diagnostics;
using Microsoft.Playwright;

namespace TokenDashboard.Benchmarks.Circuits;

/// <summary>
/// Real tabs: headless Debian Chromium through Playwright (as the browser tests launch it, never a downloaded
/// browser), one signed-in context whose pages are the tabs. Even tabs show Settings → Access Tokens, odd ones the
/// Dashboard; a tab counts as open once its circuit is live and its list is on the screen.
/// </summary>
internal sealed class BrowserTabs : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    internal static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
        // Many tabs in one headless browser: none of them is in front, and none may be slowed for that.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IBrowserContext context;
    private readonly List<IPage> tabs = [];
    private int opened;

    private BrowserTabs(IPlaywright playwright, IBrowser browser, IBrowserContext context) =>
        (this.playwright, this.browser, this.context) = (playwright, browser, context);

    public int Count => tabs.Count;

    /// <summary>The signed-in context, for parts that open and time pages of their own.</summary>
    public IBrowserContext Context => context;

    public static bool Installed => File.Exists(ChromiumPath);

    /// <summary>Signs in on one page (then closes it: the cookie stays in the context).</summary>
    public static async Task<BrowserTabs> SignInAsync(string baseUrl, string email, string password)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = LaunchArgs });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(120_000);
        var tabs = new BrowserTabs(playwright, browser, context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.CloseAsync();
        return tabs;
    }

    /// <summary>Opens tabs until there are <paramref name="count"/>, <paramref name="parallel"/> at a time.</summary>
    public async Task OpenUntilAsync(int count, int parallel)
    {
        while (tabs.Count < count)
        {
            var batch = Math.Min(parallel, count - tabs.Count);
            var pages = await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => OpenAsync()));
            tabs.AddRange(pages.Select(p => p.Page));
        }
    }

    /// <summary>Opens one tab more, times it until its list shows, and closes it again.</summary>
    public async Task<double> TimeOneMoreAsync()
    {
        var (page, ms) = await OpenAsync();
        await page.CloseAsync(new() { RunBeforeUnload = true });
        return ms;
    }

    private async Task<(IPage Page, double Ms)> OpenAsync()
    {
        var accessTokens = Interlocked.Increment(ref opened) % 2 == 1;
        var stopwatch = Stopwatch.StartNew();
        var page = await context.NewPageAsync();
        await page.GotoAsync(accessTokens ? "/settings/access-tokens" : "/");
        await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var shown = accessTokens ? page.Locator($"tr.td-row >> nth={CircuitsAccount.RowsShown - 1}") : page.Locator(".td-attention, .td-attention-none").First;
        await shown.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return (page, stopwatch.Elapsed.TotalMilliseconds);
    }

    /// <summary>Closes every tab as a person does (the page unloads, and Blazor tells the server the circuit is done).</summary>
    public async Task CloseAllAsync()
    {
        foreach (var page in tabs)
        {
            await page.CloseAsync(new() { RunBeforeUnload = true });
        }
        tabs.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
