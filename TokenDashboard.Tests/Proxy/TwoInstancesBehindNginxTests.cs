using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Browser;
using TokenDashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Proxy;

/// <summary>
/// Several instances with real parts: two app processes on one PostgreSQL database behind nginx. What one instance
/// does holds on the other: a removed token, a stopped environment on an open page, the lockout count.
/// </summary>
public sealed class TwoInstancesBehindNginxTests(ProxiedInstances instances) : IClassFixture<ProxiedInstances>
{
    [ProxiedFact]
    public async Task A_token_made_on_A_works_on_B_and_once_removed_on_A_B_answers_702_within_a_second()
    {
        var (email, _) = await NewAccountAsync();
        using var a = instances.Nginx.PinnedClient(0);
        using var b = instances.Nginx.PinnedClient(1);
        var session = await SigninAsync(a, email);
        var created = await a.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "across instances"), ("tokenTemplate", "IDE Plugins"), ("password", AppFactory.DemoPassword));
        var token = created["token"].GetProperty("key").GetString()!;
        var id = created["token"].GetProperty("id").GetInt32().ToString();

        Assert.Equal(0, (await b.BearerApiAsync("environment.Control.GetEnvs", token)).Result);
        Assert.Equal(0, (await b.BearerApiAsync("environment.Control.GetEnvs", token)).Result); // now remembered by B
        Assert.Equal(0, (await a.PostApiAsync("users.Authentication.DeleteTokens", session, ("ids", id), ("password", AppFactory.DemoPassword))).Result);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(702, (await b.BearerApiAsync("environment.Control.GetEnvs", token)).Result);
    }

    [ProxiedFact(needsBrowser: true)]
    public async Task An_environment_stopped_through_one_instance_shows_live_on_the_page_open_on_the_other()
    {
        var (email, _) = await NewAccountAsync("my-project");
        await using var browser = await PlaywrightBrowser.LaunchAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = instances.Nginx.Sticky.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        // Signed in through the sticky proxy; nginx says which instance holds this browser's circuit.
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AppFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var response = await page.GotoAsync("/environments");
        await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var status = page.Locator("[data-status-of='my-project']");
        await Expect(status).ToContainTextAsync("Running");
        var upstream = await response!.HeaderValueAsync("x-upstream");
        var other = upstream == $"127.0.0.1:{instances.A.Port}" ? 1 : 0;
        Assert.Contains(upstream, new[] { $"127.0.0.1:{instances.A.Port}", $"127.0.0.1:{instances.B.Port}" });
        var reloads = 0;
        page.Load += (_, _) => reloads++;

        using var script = instances.Nginx.PinnedClient(other);
        var stop = await script.GetApiAsync("environment.Control.StopEnv", await SigninAsync(script, email), ("envName", "my-project"));

        Assert.Equal(0, stop.Result);
        await Expect(status).ToContainTextAsync("Stopped");
        Assert.Equal(0, reloads);
    }

    [ProxiedFact]
    public async Task Twenty_parallel_wrong_passwords_spread_over_both_instances_cost_at_most_five_checks()
    {
        var (email, userId) = await NewAccountAsync();
        using var a = instances.Nginx.PinnedClient(0);
        using var b = instances.Nginx.PinnedClient(1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", $"wrong-{i}")))));

        var results = answers.Select(x => x.Result).ToList();
        Assert.All(results, r => Assert.Contains(r, new[] { 20, 21 }));
        Assert.InRange(results.Count(r => r == 20), 1, 5);
        await using var db = instances.Database.CreateContext();
        Assert.InRange(await db.AuditEvents.CountAsync(e => e.UserId == userId && e.Action == AuditAction.SignInRejected), 1, 5);
        // Locked on both: even the right password is refused now, whichever instance is asked.
        Assert.Equal(21, (await a.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", AppFactory.DemoPassword))).Result);
        Assert.Equal(21, (await b.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", AppFactory.DemoPassword))).Result);
    }

    /// <summary>A fresh account (password <see cref="AppFactory.DemoPassword"/>) with the given environments.</summary>
    private async Task<(string Email, string UserId)> NewAccountAsync(params string[] environments)
    {
        var email = $"proxied-{Guid.NewGuid():N}@example.com";
        var actor = await instances.Helper.CreateUserAsync(email);
        foreach (var name in environments)
        {
            Assert.True((await instances.Helper.Get<EnvironmentService>().CreateAsync(actor.UserId, name, null)).Succeeded);
        }
        return (email, actor.UserId);
    }

    private static async Task<string> SigninAsync(HttpClient client, string email)
    {
        var answer = await client.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", AppFactory.DemoPassword));
        Assert.Equal(0, answer.Result);
        return answer["session"].GetString()!;
    }
}
