using Microsoft.Playwright;
using TokenDashboard.Tokens.Usage;
using TokenDashboard.Accounts;
using TokenDashboard.Api;
using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>The second half of the walkthrough: a script uses the token over real HTTP, the dashboard shows it.</summary>
public sealed class ApiWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    /// <summary>A signed-in account with two running environments, and an HTTP client playing the script.</summary>
    private async Task<(DashboardSession Session, Actor Actor, HttpClient Script)> NewAccountAsync()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync("my-project", "staging");
        return (session, actor, new HttpClient { BaseAddress = fixture.BaseAddress });
    }

    [BrowserFact]
    public async Task Stopping_an_environment_with_the_token_shows_on_the_open_environments_page_and_as_last_used()
    {
        var (session, _, script) = await NewAccountAsync();
        await using var _s = session;
        using var _c = script;
        await session.OpenAccessTokensAsync();
        var token = await session.GenerateInTheDialogAsync("IDE plugin", "IDE Plugins");

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Environments" }).First.ClickAsync();
        var status = session.Page.Locator("[data-status-of='my-project']");
        await Expect(status).ToContainTextAsync("Running");
        var reloads = 0;
        session.Page.Load += (_, _) => reloads++;

        var answer = await script.GetStringAsync($"/1.0/environment/control/rest/stopenv?envName=my-project&session={token}");

        Assert.Equal("{\"result\":0}", answer);
        await Expect(status).ToContainTextAsync("Stopped");
        Assert.Equal(0, reloads);
        await session.ScreenshotAsync("environments");

        await fixture.App.Get<TokenUseLog>().FlushAsync();
        await session.OpenAccessTokensAsync();
        await session.Toolbar("Refresh").ClickAsync();
        await Expect(session.Row("IDE plugin")).ToContainTextAsync("just now");
        await Expect(session.Row("IDE plugin").Locator("td[title*='environment.Control.StopEnv']")).ToHaveCountAsync(1);
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task A_method_outside_the_preset_answers_8()
    {
        var (session, actor, script) = await NewAccountAsync();
        await using var _s = session;
        using var _c = script;
        await session.OpenAccessTokensAsync();
        var token = await session.GenerateInTheDialogAsync("Maven only", "Maven Plugin");

        var denied = await script.GetStringAsync($"/1.0/environment/control/rest/stopenv?envName=my-project&session={token}");
        var allowed = await script.GetStringAsync($"/1.0/environment/control/rest/getenvinfo?envName=my-project&session={token}");

        Assert.StartsWith("{\"result\":8,", denied);
        Assert.StartsWith("{\"result\":0,", allowed);
        Assert.Equal(EnvironmentStatus.Running, (await fixture.App.Get<EnvironmentService>().GetAsync(actor.UserId, "my-project")).Value!.Status);

        // Where the denied method is documented: the API Docs page, anchored per method.
        await session.Page.GotoAsync("/api-docs#environment.Control.StopEnv");
        await session.WaitInteractiveAsync();
        await Expect(session.Page.Locator("[id='environment.Control.StopEnv']")).ToBeVisibleAsync();
        await session.ScreenshotAsync("api-docs");
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Edit_then_regenerate_gives_a_new_value_and_the_old_one_answers_702()
    {
        var (session, _, script) = await NewAccountAsync();
        await using var _s = session;
        using var _c = script;
        await session.OpenAccessTokensAsync();
        var old = await session.GenerateInTheDialogAsync("Rotate me", "IDE Plugins");

        await session.Row("Rotate me").ClickAsync();
        await session.Toolbar("Edit").ClickAsync();
        await Expect(session.Dialog.GetByLabel("Description")).ToHaveValueAsync("Rotate me");
        await session.DialogButton("Regenerate token").ClickAsync();
        await session.ConfirmPasswordAsync();
        var fresh = await session.ShownValueAsync();
        await session.DialogButton("Copy").ClickAsync();
        await session.DialogButton("Close").ClickAsync();

        Assert.NotEqual(old, fresh);
        Assert.StartsWith("{\"result\":702,", await script.GetStringAsync($"/1.0/environment/control/rest/getenvs?session={old}"));
        Assert.StartsWith("{\"result\":0,", await script.GetStringAsync($"/1.0/environment/control/rest/getenvs?session={fresh}"));
        session.AssertNoConsoleErrors();
    }
}
