using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens.Usage;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// Usage insight end to end: a script uses a token for two methods; the open grid shows it without Refresh; the
/// details view charts and lists both; narrowing makes the token Custom with exactly them, after which a third
/// method answers 8 and shows as refused; the Activity tab lists the steps and exports them.
/// </summary>
public sealed class UsageWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private async Task<string> CallAsync(HttpClient script, string route, string token) =>
        await script.GetStringAsync($"/1.0/{route}&session={token}");

    [BrowserFact]
    public async Task A_token_used_for_two_methods_is_narrowed_to_them_and_the_activity_tab_shows_and_exports_it()
    {
        var (session, _) = await fixture.SignInNewAccountAsync("my-project", "staging");
        await using var _s = session;
        using var script = new HttpClient { BaseAddress = fixture.BaseAddress };
        var page = session.Page;
        await session.OpenAccessTokensAsync();
        var token = await session.GenerateInTheDialogAsync("Nightly stop", "Extended Access");
        var row = session.Row("Nightly stop");
        await Expect(row).ToContainTextAsync("Never");
        var reloads = 0;
        page.Load += (_, _) => reloads++;

        // The script: two methods. The open grid shows the use without Refresh.
        Assert.StartsWith("{\"result\":0", await CallAsync(script, "environment/control/rest/getenvs?x=1", token));
        Assert.Equal("{\"result\":0}", await CallAsync(script, "environment/control/rest/stopenv?envName=my-project", token));
        await Expect(row).ToContainTextAsync("just now");
        Assert.Equal(0, reloads);
        await fixture.App.Get<TokenUseLog>().FlushAsync();

        // Details: both methods in the chart and the table.
        await row.GetByRole(AriaRole.Button, new() { Name = "Nightly stop", Exact = true }).ClickAsync();
        var details = page.Locator("[data-token-details]");
        await Expect(details.Locator(".td-usage-chart")).ToContainTextAsync("GetEnvs");
        await Expect(details.Locator(".td-usage-chart")).ToContainTextAsync("StopEnv");
        await Expect(details.Locator(".td-used-methods tr[data-method='environment.Control.GetEnvs']")).ToContainTextAsync("1");
        await Expect(details.Locator(".td-used-methods tr[data-method='environment.Control.StopEnv']")).ToContainTextAsync("1");
        await Expect(details).ToContainTextAsync("Extended Access");
        await Expect(details).ToContainTextAsync($"…{token[^4..]}"); // the hint as the grid shows it

        // Narrow: preview, password, then Custom with exactly those two.
        await details.GetByRole(AriaRole.Button, new() { Name = "Narrow to the 2 methods used in the last 30 days" }).ClickAsync();
        var preview = details.Locator(".td-methods-preview");
        await Expect(preview.Locator(".td-kept li")).ToHaveCountAsync(2);
        await Expect(preview.Locator(".td-changed")).ToContainTextAsync("environment.Control.DeleteEnv");
        await page.SetViewportSizeAsync(1400, 1300); // the whole details view in one picture for the README
        await preview.ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("token-details");
        await page.SetViewportSizeAsync(1400, 900);
        await preview.GetByRole(AriaRole.Button, new() { Name = "Narrow", Exact = true }).ClickAsync();
        await session.ConfirmPasswordAsync();
        await Expect(details).ToContainTextAsync("Custom, 2 methods");
        await session.DialogButton("Close").ClickAsync();
        await Expect(row).ToContainTextAsync("Custom (2 methods)");

        // A third method is refused now, and shows as refused.
        Assert.StartsWith("{\"result\":8,", await CallAsync(script, "environment/control/rest/getenvinfo?envName=staging", token));
        Assert.StartsWith("{\"result\":0", await CallAsync(script, "environment/control/rest/getenvs?x=2", token));
        await fixture.App.Get<TokenUseLog>().FlushAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Details of Nightly stop" }).ClickAsync();
        await Expect(details.Locator(".td-refused-methods tr[data-method='environment.Control.GetEnvInfo']")).ToContainTextAsync("1");
        await Expect(details.Locator(".td-used-methods tr[data-method='environment.Control.GetEnvs']")).ToContainTextAsync("2");
        await Expect(details.GetByRole(AriaRole.Button, new() { Name = "Add the 1 refused method" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("token-details-refused");
        await session.DialogButton("Close").ClickAsync();

        // Activity: the steps, from the dashboard's client address, and the CSV of the filtered rows.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Activity" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/activity$"));
        var rows = page.Locator("tr.td-activity-row");
        await Expect(rows.Filter(new() { HasText = "Signed in" })).ToHaveCountAsync(1); // the browser's own sign-in
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync("Token narrowed");
        await Expect(rows.Nth(0)).ToContainTextAsync("Nightly stop");
        await Expect(rows.Nth(0)).ToContainTextAsync("127.0.0.1");
        await Expect(rows.Nth(1)).ToContainTextAsync("Token generated");
        await session.ScreenshotAsync("activity");

        await page.GetByLabel("Kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Token narrowed" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        Assert.Equal("activity.csv", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"td-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(file);
        var csv = (await File.ReadAllLinesAsync(file)).Where(l => l.Length > 0).ToList();
        File.Delete(file);
        Assert.Equal("Time (UTC),Kind,Token,Client address,Detail", csv[0]);
        var line = Assert.Single(csv.Skip(1));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,Token narrowed,Nightly stop,127\.0\.0\.1,narrowed from \d+ to 2 methods$", line);
        Assert.DoesNotContain(token, string.Join("\n", csv));
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Last_used_changes_in_every_open_tab_of_the_user_without_refresh()
    {
        var (session, _) = await fixture.SignInNewAccountAsync("my-project");
        await using var _s = session;
        using var script = new HttpClient { BaseAddress = fixture.BaseAddress };
        await session.OpenAccessTokensAsync();
        var token = await session.GenerateInTheDialogAsync("Two tabs", "IDE Plugins");
        var second = await session.Context.NewPageAsync();
        await second.GotoAsync("/settings/access-tokens");
        await second.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var rowInSecond = second.Locator("tr.td-row").Filter(new() { HasText = "Two tabs" });
        await Expect(rowInSecond).ToContainTextAsync("Never");

        Assert.StartsWith("{\"result\":0", await CallAsync(script, "environment/control/rest/getenvs?x=1", token));

        await Expect(session.Row("Two tabs")).ToContainTextAsync("just now");
        await Expect(rowInSecond).ToContainTextAsync("just now");
        await session.Toolbar("Refresh").ClickAsync();
        await Expect(session.Row("Two tabs")).ToContainTextAsync("just now");
        session.AssertNoConsoleErrors();
    }
}
