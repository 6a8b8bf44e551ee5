using Microsoft.Playwright;
using TokenDashboard.Accounts;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// "Return to the dashboard and see it stopped": the Dashboard a person lands on, in a real Chromium, while a script
/// calls the API over real HTTP; and the API Docs examples, which name the address the page was opened with.
/// </summary>
public sealed class DashboardWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private async Task<IssuedToken> GenerateAsync(Actor actor, string description, int daysLeft)
    {
        var draft = new TokenDraft(description, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysLeft), "ide-plugins");
        return (await fixture.App.Get<TokenService>().GenerateAsync(actor, draft, AppFactory.DemoPassword)).Value!;
    }

    [BrowserFact]
    public async Task The_dashboard_shows_environments_and_expiring_tokens_and_a_script_stopping_one_shows_without_reload()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync("my-project", "staging");
        await using var _ = session;
        var page = session.Page;
        var token = await GenerateAsync(actor, "Nightly CI", daysLeft: 3);
        await GenerateAsync(actor, "Release pipeline", daysLeft: 60);
        await page.GotoAsync("/");
        await session.WaitInteractiveAsync();

        var status = page.Locator("[data-status-of='my-project']");
        await Expect(status).ToContainTextAsync("Running");
        await Expect(page.Locator("[data-status-of='staging']")).ToContainTextAsync("Running");
        var attention = page.Locator("tr[data-attention-token]");
        await Expect(attention).ToHaveCountAsync(1);
        await Expect(attention).ToContainTextAsync("Nightly CI");
        await Expect(attention).ToContainTextAsync("Expires in 3 days");
        await Expect(attention).ToContainTextAsync($"…{token.Value[^4..]}");
        var origin = session.BaseAddress.GetLeftPart(UriPartial.Authority);
        var example = page.Locator("[data-example='first-call']");
        await Expect(example).ToHaveTextAsync($"curl \"{origin}/1.0/environment/control/rest/stopenv?envName=my-project&session=YOUR_TOKEN\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the example" }).ClickAsync();
        await Expect(page.GetByText("Copied to the clipboard.")).ToBeVisibleAsync();
        Assert.Equal(await example.InnerTextAsync(), await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await session.ScreenshotAsync("dashboard");
        var reloads = 0;
        page.Load += (_, _) => reloads++;

        // The script: the example with the real token, over real HTTP.
        using var script = new HttpClient();
        var command = (await example.InnerTextAsync())["curl \"".Length..^1].Replace("YOUR_TOKEN", token.Value, StringComparison.Ordinal);
        Assert.Equal("{\"result\":0}", await script.GetStringAsync(command));

        await Expect(status).ToContainTextAsync("Stopped");
        await Expect(page.Locator("[data-status-of='staging']")).ToContainTextAsync("Running");
        Assert.Equal(0, reloads);
        await session.SwitchToDarkAsync();
        await session.ScreenshotAsync("dashboard-dark");
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task The_api_docs_examples_use_the_address_the_page_was_opened_with()
    {
        var (first, actor) = await fixture.SignInNewAccountAsync();
        await first.DisposeAsync();
        // The same server under another name: the examples follow the browser's address, not the server's own idea of it.
        var byName = new UriBuilder(fixture.BaseAddress) { Host = "localhost" }.Uri;
        var email = (await fixture.App.Get<AccountDirectory>().GetByIdAsync(actor.UserId))!.Email;
        foreach (var address in new[] { fixture.BaseAddress, byName })
        {
            await using var session = await DashboardSession.SignInAsync(fixture, email, address: address);
            await session.Page.GotoAsync("/api-docs");
            await session.WaitInteractiveAsync();

            var origin = address.GetLeftPart(UriPartial.Authority);
            await Expect(session.Page.Locator("section[id='environment.Control.StopEnv'] [data-example='curl']"))
                .ToHaveTextAsync($"curl \"{origin}/1.0/environment/control/rest/stopenv?envName=my-project&session=YOUR_TOKEN\"");
            await Expect(session.Page.Locator("#using-the-api ~ pre.td-code").First).ToContainTextAsync($"curl \"{origin}/1.0/");
            session.AssertNoConsoleErrors();
        }
    }
}
