using System.Diagnostics;
using Microsoft.Playwright;
using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Benchmarks.Load;
using TokenDashboard.Benchmarks.Report;
using TokenDashboard.Tokens;
using static TokenDashboard.Benchmarks.Report.ResultsTable;

namespace TokenDashboard.Benchmarks.Circuits;

/// <summary>
/// Issue #21: "the tab usable within 1 s with 200 tokens on a quiet machine", measured rather than tested. The Release
/// app as a process (as the HTTP load runs it), an account with 200 tokens, one signed-in headless Chromium (as the
/// browser tests launch it). Each open is a fresh page navigated to Settings → Access Tokens and timed from the
/// navigation until the grid's rows are shown and the grid takes the keyboard: focus on it, and Down puts the cursor
/// on the first row (which needs the live circuit and the grid's key handler). One open to warm up, then the median of 9
/// (smoke: 3). A browser part: opt-in (<c>--parts usable</c>).
/// </summary>
internal static class UsableTabRun
{
    public const int Tokens = 200;
    private const string Email = "usable@tokendashboard.local";

    public static async Task<IReadOnlyList<string>> RunAsync(BenchStore store, BenchOptions options, ResultsTable table, TextWriter log)
    {
        if (!BrowserTabs.Installed)
        {
            return [$"usable: no Chromium at {BrowserTabs.ChromiumPath} (apt-get install chromium)"];
        }
        await CreateAccountAsync(store);
        await using var app = await AppProcess.StartAsync(LoadRun.Environment(store, options, trackLastUsed: true));
        log.WriteLine($"Usable tab: app pid {app.ProcessId} on {app.BaseUrl}, account {Email} with {Tokens} tokens");

        await using var tabs = await BrowserTabs.SignInAsync(app.BaseUrl, Email, InProcessApp.DemoPassword);

        var opens = options.Smoke ? 3 : 9;
        var shown = new List<double>();
        var usable = new List<double>();
        for (var i = 0; i <= opens; i++)
        {
            var (rows, keys) = await OpenOnceAsync(tabs.Context);
            log.WriteLine($"Usable tab: open {i}{(i == 0 ? " (warm-up)" : "")}: rows shown at {rows:F0} ms, grid takes the keyboard at {keys:F0} ms");
            if (i > 0)
            {
                shown.Add(rows);
                usable.Add(keys);
            }
        }
        shown.Sort();
        usable.Sort();
        var median = usable[usable.Count / 2];
        table.Target("Tab", $"Access Tokens tab, {Tokens} tokens, in Chromium: navigation until the rows show and the grid takes the keyboard (median of {opens})",
            Milliseconds(median), $"rows shown {Milliseconds(shown[shown.Count / 2])}; max {Milliseconds(usable[^1])}", "≤ 1 s", median <= 1_000);
        table.Note($"Usable tab: a fresh page of one signed-in headless Chromium (Debian chromium) per open, navigated to /settings/access-tokens; " +
                   "timed until the first row is visible and, after focusing the grid, Down has put the keyboard's cursor on a row (the circuit is live " +
                   "and the grid's keys answer). Chromium shares the machine's cores with the app: quote it from a quiet machine.");
        return [];
    }

    /// <summary>One open: (ms until the first row is visible, ms until the grid answered the keyboard).</summary>
    private static async Task<(double Rows, double Keys)> OpenOnceAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync("/settings/access-tokens", new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("tr.td-row").First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
            var rows = clock.Elapsed.TotalMilliseconds;
            await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.Locator(".td-token-grid").FocusAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Locator("tr.td-row-cursor").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            return (rows, clock.Elapsed.TotalMilliseconds);
        }
        finally
        {
            await page.CloseAsync(new() { RunBeforeUnload = true });
        }
    }

    /// <summary>The account and its tokens, through the app's own services, before the app under test starts.</summary>
    private static Task CreateAccountAsync(BenchStore store)
    {
        var presets = ApiCatalog.Presets;
        return CircuitsAccount.AddAsync(store, Email, Enumerable.Range(1, Tokens)
            .Select(i => (TokenFormat.Generate(), $"script token {i}", presets[i % presets.Count].Key)));
    }
}
