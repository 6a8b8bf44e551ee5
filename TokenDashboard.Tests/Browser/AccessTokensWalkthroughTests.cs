using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>The reference walkthrough in a real Chromium: what bUnit cannot see (focus, clipboard, downloads, modifier clicks).</summary>
public sealed class AccessTokensWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [BrowserFact]
    public async Task Generate_with_a_preset_shows_the_value_once_with_copy_and_download()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        var page = session.Page;
        await session.OpenAccessTokensAsync();

        await session.Toolbar("Generate").ClickAsync();
        await session.Dialog.GetByLabel("Description").FillAsync("Deploy from CI");
        await session.DialogButton("30 days").ClickAsync();
        await session.Dialog.GetByLabel("API", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "IDE Plugins" }).ClickAsync();
        await session.DialogButton("Generate").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("Confirm with your password");
        await session.ScreenshotAsync("password-confirm");
        await session.ConfirmPasswordAsync();

        var value = await session.ShownValueAsync();
        Assert.True(TokenFormat.IsWellFormed(value));
        await session.ScreenshotAsync("show-once");
        await session.DialogButton("Copy").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("Copied to the clipboard.");
        Assert.Equal(value, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        var download = await page.RunAndWaitForDownloadAsync(() => session.DialogButton("Download").ClickAsync());
        Assert.Equal("deploy-from-ci-token.txt", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"td-{Guid.NewGuid():N}.txt");
        await download.SaveAsAsync(file);
        Assert.Equal(value, await File.ReadAllTextAsync(file));
        File.Delete(file);
        await session.DialogButton("Close").ClickAsync();

        await Expect(session.Row("Deploy from CI")).ToContainTextAsync("IDE Plugins");
        var expires = DateTime.UtcNow.Date.AddDays(30).ToString("dd MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(session.Row("Deploy from CI")).ToContainTextAsync(expires);
        var validation = await fixture.App.Get<TokenValidator>().ValidateAsync(value);
        Assert.Equal(actor.UserId, validation.Token!.UserId);
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Custom_token_search_and_only_checked_then_copy_makes_the_same_methods()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        await session.OpenAccessTokensAsync();

        await session.Toolbar("Generate").ClickAsync();
        await session.Dialog.GetByLabel("Description").FillAsync("Two methods");
        var methods = session.Dialog.Locator(".td-method");
        var all = await methods.CountAsync();
        await session.Dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("env");
        await Expect(methods).Not.ToHaveCountAsync(all);
        await session.Dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("");
        await Expect(methods).ToHaveCountAsync(all);
        // Start from nothing: clear every group (a group box that is partly checked checks all first).
        var count = session.Dialog.Locator(".td-method-count");
        foreach (var group in await session.Dialog.Locator(".td-method-group").AllAsync())
        {
            while (await group.Locator(".td-method input:checked").CountAsync() > 0)
            {
                var before = await count.InnerTextAsync();
                await group.Locator(".td-group-check input").ClickAsync();
                await Expect(count).Not.ToHaveTextAsync(before);
            }
        }
        await Expect(count).ToContainTextAsync("0 of");
        await session.Dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("stopenv");
        await session.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "StopEnv", Exact = true }).CheckAsync();
        await session.Dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("GetUserInfo");
        await session.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "GetUserInfo", Exact = true }).CheckAsync();
        await session.Dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("");
        await session.Dialog.GetByText("Only Checked").ClickAsync();
        await Expect(methods).ToHaveCountAsync(2);
        await Expect(session.Dialog.GetByLabel("API", new() { Exact = true })).ToHaveTextAsync("Custom");
        await session.ScreenshotAsync("token-dialog-custom");
        await session.DialogButton("Generate").ClickAsync();
        await session.ConfirmPasswordAsync();
        await session.ShownValueAsync();
        await session.DialogButton("Download").ClickAsync();
        await session.DialogButton("Close").ClickAsync();
        await Expect(session.Row("Two methods")).ToContainTextAsync("Custom (2 methods)");

        await session.Row("Two methods").ClickAsync();
        await session.Toolbar("Duplicate").ClickAsync();
        await Expect(session.Dialog.GetByLabel("Description")).ToHaveValueAsync("Two methods (copy)");
        await Expect(session.Dialog.Locator(".td-method-count")).ToContainTextAsync("2 of");
        await session.DialogButton("Duplicate").ClickAsync();
        await session.ConfirmPasswordAsync();
        await session.ShownValueAsync();
        await session.DialogButton("Download").ClickAsync();
        await session.DialogButton("Close").ClickAsync();

        await Expect(session.Rows).ToHaveCountAsync(2);
        var tokens = await fixture.App.Get<TokenService>().ListAsync(actor.UserId);
        Assert.All(tokens, t => Assert.Equal(["environment.Control.StopEnv", "users.Account.GetUserInfo"], t.Methods.Order()));
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Shift_and_ctrl_select_three_of_five_and_remove_exactly_those()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        var tokens = fixture.App.Get<TokenService>();
        for (var i = 1; i <= 5; i++)
        {
            await tokens.GenerateAsync(actor, new TokenDraft($"Token {i}", null, "ide-plugins"), AppFactory.DemoPassword);
        }
        await session.OpenAccessTokensAsync();
        await Expect(session.Rows).ToHaveCountAsync(5);
        var shown = await session.Rows.Locator("td:nth-child(2)").AllInnerTextsAsync();

        await session.Rows.Nth(0).ClickAsync();
        await session.Rows.Nth(3).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await session.Rows.Nth(1).ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });

        await Expect(session.SelectedRows).ToHaveCountAsync(3);
        Assert.Equal("", await session.Page.EvaluateAsync<string>("getSelection().toString()"));
        await session.ScreenshotAsync("access-tokens");
        var chosen = new[] { shown[0], shown[2], shown[3] };
        await session.Toolbar("Remove").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("Remove 3 tokens?");
        Assert.Equal(chosen.Order(), (await session.Dialog.Locator(".td-remove-list li").AllInnerTextsAsync()).Order());
        await session.DialogButton("Remove").ClickAsync();

        await session.ConfirmPasswordAsync("not the password");
        await Expect(session.Dialog).ToContainTextAsync("Wrong password. Nothing was changed.");
        Assert.Equal(5, (await tokens.ListAsync(actor.UserId)).Count);
        await session.ConfirmPasswordAsync();

        await Expect(session.Rows).ToHaveCountAsync(2);
        var left = (await tokens.ListAsync(actor.UserId)).Select(t => t.Description).Order();
        Assert.Equal(shown.Except(chosen).Order(), left);
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Generate_dialog_can_be_completed_and_confirmed_with_the_keyboard_only()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        var keyboard = session.Page.Keyboard;
        await session.OpenAccessTokensAsync();

        await session.Toolbar("Generate").FocusAsync();
        await keyboard.PressAsync("Enter");
        var description = session.Dialog.GetByLabel("Description");
        await Expect(description).ToBeFocusedAsync();
        await keyboard.TypeAsync("Typed, never clicked");
        // Tab through the dialog to its Generate button, however many controls lie between.
        var generate = session.DialogButton("Generate");
        for (var i = 0; i < 300 && !await generate.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await keyboard.PressAsync("Tab");
        }
        await Expect(generate).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        var password = session.Dialog.GetByLabel("Password", new() { Exact = true });
        await Expect(password).ToBeFocusedAsync();
        await keyboard.TypeAsync(AppFactory.DemoPassword);
        await keyboard.PressAsync("Enter");

        await session.ShownValueAsync();
        Assert.Equal("Typed, never clicked", Assert.Single(await fixture.App.Get<TokenService>().ListAsync(actor.UserId)).Description);
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Two_hundred_tokens_filter_sort_naturally_show_plain_dates_and_pass_axe_in_light_dark_and_on_a_phone()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        var page = session.Page;
        const int Count = 205;
        var created = new DateTime(2026, 2, 3, 9, 30, 0, DateTimeKind.Utc); // 03 Feb, which dd-MM would show as 03-02
        await using (var db = await fixture.App.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.AccessTokens.AddRange(Enumerable.Range(1, Count).Select(i =>
            {
                var value = TokenFormat.Generate();
                return new AccessToken
                {
                    UserId = actor.UserId, Description = $"Token {i}", Preset = i == 42 ? null : "ide-plugins",
                    Methods = i == 42 ? ["marketplace.App.Install"] : [], ExpiresOn = i == 7 ? new DateOnly(2027, 1, 11) : null,
                    SecretHash = TokenFormat.Hash(value), Hint = TokenFormat.Hint(value), CreatedAt = created, UpdatedAt = created,
                };
            }));
            await db.SaveChangesAsync();
        }
        await session.OpenAccessTokensAsync();
        // The tokens were written behind the app's back (no change announced), and the Dashboard's read of the new
        // account's empty list is shared for a few seconds: Refresh reads the database, as a person would.
        await session.Toolbar("Refresh").ClickAsync();
        var count = page.Locator(".td-filter-count");
        await Expect(count).ToHaveTextAsync($"{Count} tokens", new() { Timeout = 30_000 }); // bounds a hang on a loaded machine
        await Expect(session.Rows.First).ToBeVisibleAsync();
        Assert.InRange(await session.Rows.CountAsync(), 1, 60); // a long list renders only the rows in view

        // Natural order: 1, 2, 3 (not 1, 10, 100); the dates read the same everywhere.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sort by Description" }).ClickAsync();
        await Expect(session.Rows.Nth(1)).ToContainTextAsync("Token 2");
        Assert.Equal(["Token 1", "Token 2", "Token 3"], (await session.Rows.Locator(".td-link-button").AllInnerTextsAsync()).Take(3));
        await Expect(session.Row("Token 7").First).ToContainTextAsync("11 Jan 2027");
        await Expect(session.Rows.First).ToContainTextAsync(created.ToString("dd MMM yyyy", CultureInfo.InvariantCulture));

        // The keyboard reaches the last of 205 rows, though it was not rendered when the key was pressed.
        await page.Locator(".td-token-grid").FocusAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(page.Locator("tr.td-row-cursor")).ToContainTextAsync($"Token {Count}");
        await Expect(page.Locator("tr.td-row-cursor")).ToBeInViewportAsync();

        // The filter: by description, then by a method only one token holds; "N of M" says what is shown.
        var filter = page.GetByRole(AriaRole.Searchbox, new() { Name = "Filter tokens" });
        await filter.FillAsync("token 20");
        await Expect(count).ToHaveTextAsync($"7 of {Count} tokens"); // 20 and 200–205
        await Expect(session.Rows).ToHaveCountAsync(7);
        await session.ScreenshotAsync("access-tokens-filter");
        await filter.FillAsync("app.install");
        await Expect(session.Rows).ToHaveCountAsync(1);
        await Expect(session.Rows.First).ToContainTextAsync("Token 42");
        await filter.FillAsync("");
        await Expect(count).ToHaveTextAsync($"{Count} tokens");

        // Refresh keeps the rows on the screen until the new ones replace them: the list never goes blank.
        await page.EvaluateAsync("""
            () => { window.tdBlank = false; const body = document.querySelector('.td-token-grid tbody');
                    new MutationObserver(() => { if (!body.querySelector('tr.td-row')) window.tdBlank = true; }).observe(body, { childList: true, subtree: true }); }
            """);
        await session.Toolbar("Refresh").ClickAsync();
        await Expect(page.Locator(".td-grid[aria-busy='false']")).ToBeAttachedAsync();
        await Expect(session.Rows.First).ToContainTextAsync("Token 1");
        Assert.False(await page.EvaluateAsync<bool>("() => window.tdBlank"), "the grid went blank while it reloaded");

        var violations = new List<string>(await AxeGate.ViolationsAsync(page, "light 205 tokens"));
        await session.ScreenshotAsync("access-tokens-many");
        await session.SwitchToDarkAsync();
        violations.AddRange(await AxeGate.ViolationsAsync(page, "dark 205 tokens"));
        await page.SetViewportSizeAsync(DashboardSession.Phone.Width, DashboardSession.Phone.Height);
        await filter.FillAsync("token 20");
        await Expect(session.Rows).ToHaveCountAsync(7);
        violations.AddRange(await AxeGate.ViolationsAsync(page, "phone 205 tokens"));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= DashboardSession.Phone.Width, "the page scrolls sideways");
        await session.ScreenshotAsync("access-tokens-many-phone");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        session.AssertNoConsoleErrors();
    }
}

