using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TokenDashboard.Accounts;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// The issue's one keyboard-only walkthrough, as a person without a mouse does it: sign in → generate a token → copy it
/// → close the show-once dialog → select three rows with Shift+arrows → Delete → password → sign out. No click, fill or
/// programmatic focus after the page opens: only keys, and before typing the test waits until the caret is where a
/// person would see it (a CI run under load lost keystrokes typed before a dialog had moved the caret).
/// At desktop width in the light theme and on a phone in the dark one, with the axe gate at each main step.
/// Beside it, where the focus lands after the dialogs that end on the grid, the bell under the mouse, and the API
/// Docs' code blocks under the keyboard.
/// </summary>
public sealed class KeyboardOnlyWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private int accounts;

    [BrowserFact]
    public Task Sign_in_generate_copy_close_select_three_delete_and_sign_out_at_desktop_width_in_the_light_theme() =>
        WalkAsync(viewport: null, dark: false, "desktop light");

    [BrowserFact]
    public Task Sign_in_generate_copy_close_select_three_delete_and_sign_out_on_a_phone_in_the_dark_theme() =>
        WalkAsync(DashboardSession.Phone, dark: true, "phone dark");

    /// <summary>Tab (or Shift+Tab) until <paramref name="target"/> has the focus, as a person tabs until the ring is there.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, bool backwards = false, int limit = 80)
    {
        for (var i = 0; i < limit && !await HasFocusAsync(target); i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        await Expect(target).ToBeFocusedAsync();
    }

    /// <summary>Down arrow through an open menu until <paramref name="item"/> is the active one (MudMenu's own keys).</summary>
    private static async Task ArrowToAsync(IPage page, ILocator item)
    {
        await Expect(item).ToBeVisibleAsync();
        for (var i = 0; i < 12 && !await item.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement) || e.classList.contains('mud-selected-item')"); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            await page.WaitForTimeoutAsync(150); // the menu moves its highlight over the circuit
        }
    }

    private static async Task<bool> HasFocusAsync(ILocator target) =>
        await target.CountAsync() == 1 && await target.EvaluateAsync<bool>("e => e === document.activeElement");

    private async Task WalkAsync(ViewportSize? viewport, bool dark, string mode)
    {
        var email = $"keys{Interlocked.Increment(ref accounts)}-{(dark ? "dark" : "light")}@example.com";
        var actor = await fixture.App.CreateUserAsync(email);
        var tokens = fixture.App.Get<TokenService>();
        foreach (var name in new[] { "Alpha build", "Beta build", "Gamma build", "Delta build" })
        {
            Assert.True((await tokens.GenerateAsync(actor, new TokenDraft(name, null, "ide-plugins"), AppFactory.DemoPassword)).Succeeded);
        }

        await using var session = await DashboardSession.OpenAsync(fixture, viewport: viewport);
        var page = session.Page;
        var keyboard = page.Keyboard;
        var violations = new List<string>();
        async Task Check(string where) => violations.AddRange(await AxeGate.ViolationsAsync(page, $"{mode} {where}"));
        if (dark)
        {
            // The theme a person chose on an earlier visit (the cookie the server paints from), not a control of this walk.
            await session.Context.AddCookiesAsync([new Cookie { Name = "td-theme", Value = "dark", Url = fixture.BaseAddress.ToString() }]);
            await page.EvaluateAsync("() => localStorage.setItem('td-theme', 'dark')");
            await page.ReloadAsync();
            await Expect(page.Locator(".td-account-shell.td-dark")).ToBeVisibleAsync();
        }

        // Sign in: Tab to the email field, type, Tab to the password, type, Enter.
        await Check("sign-in");
        var emailField = page.GetByLabel("Email");
        await TabToAsync(page, emailField);
        await keyboard.TypeAsync(email);
        await TabToAsync(page, page.GetByLabel("Password"));
        await keyboard.TypeAsync(AppFactory.DemoPassword);
        await keyboard.PressAsync("Enter");
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
        await session.WaitInteractiveAsync();

        // To Settings → Access Tokens: the bar's Settings link (on a phone, the one menu), then the tab.
        if (viewport is null)
        {
            await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }));
            await keyboard.PressAsync("Enter");
        }
        else
        {
            await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }));
            await keyboard.PressAsync("Enter");
            var settings = page.GetByRole(AriaRole.Menuitem, new() { Name = "Settings", Exact = true });
            await ArrowToAsync(page, settings);
            await keyboard.PressAsync("Enter");
        }
        await Expect(page).ToHaveURLAsync(new Regex("/settings"));
        await session.WaitInteractiveAsync();
        // The tabs are one Tab stop (the chosen tab); the arrows move between them, Enter opens one.
        await TabToAsync(page, page.GetByRole(AriaRole.Tab, new() { Name = "Account" }));
        var accessTokens = page.GetByRole(AriaRole.Tab, new() { Name = "Access Tokens" });
        for (var i = 0; i < 6 && !await HasFocusAsync(accessTokens); i++)
        {
            await keyboard.PressAsync("ArrowRight");
        }
        await Expect(accessTokens).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/settings/access-tokens$"));
        await Expect(session.Rows).ToHaveCountAsync(4);
        await Check("access tokens");

        // Generate: Enter on the toolbar button; the caret is in Description; Tab to the dialog's Generate.
        await TabToAsync(page, session.Toolbar("Generate"));
        await keyboard.PressAsync("Enter");
        var description = session.Dialog.GetByLabel("Description");
        await Expect(description).ToBeFocusedAsync();
        await keyboard.TypeAsync("Typed on the keyboard");
        await Expect(description).ToHaveValueAsync("Typed on the keyboard");
        await Check("generate dialog");
        await TabToAsync(page, session.DialogButton("Generate"), limit: 300); // past the method picker's check boxes
        await keyboard.PressAsync("Enter");
        var password = session.Dialog.GetByLabel("Password", new() { Exact = true });
        await Expect(password).ToBeFocusedAsync();
        await keyboard.TypeAsync(AppFactory.DemoPassword);
        await keyboard.PressAsync("Enter");

        // Copy, from the keyboard; the clipboard holds the value shown; Close does not ask once the value was copied.
        var value = await session.ShownValueAsync();
        Assert.True(TokenFormat.IsWellFormed(value));
        await Check("show-once dialog");
        await TabToAsync(page, session.DialogButton("Copy"));
        await keyboard.PressAsync("Enter");
        await Expect(session.Dialog).ToContainTextAsync("Copied to the clipboard.");
        Assert.Equal(value, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await TabToAsync(page, session.DialogButton("Close"));
        await keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Token value" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Have you saved it?")).ToHaveCountAsync(0);
        Assert.Equal(actor.UserId, (await fixture.App.Get<TokenValidator>().ValidateAsync(value)).Token!.UserId);

        // Back on the grid (not the page's top): the arrows go on from the rows. Down, then Shift+Down twice: three rows.
        var grid = page.Locator(".td-token-grid");
        await Expect(grid).ToBeFocusedAsync();
        await Expect(session.Rows).ToHaveCountAsync(5);
        var shown = await session.Rows.Locator(".td-link-button").AllInnerTextsAsync();
        await keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("tr.td-row-cursor")).ToContainTextAsync(shown[0]);
        await keyboard.PressAsync("Shift+ArrowDown");
        await Expect(session.SelectedRows).ToHaveCountAsync(2);
        await keyboard.PressAsync("Shift+ArrowDown");
        await Expect(session.SelectedRows).ToHaveCountAsync(3);
        var chosen = shown.Take(3).ToList();
        Assert.Equal(chosen, await session.SelectedRows.Locator(".td-link-button").AllInnerTextsAsync());
        await Check("three selected");

        // Delete names the three; Tab to Remove, Enter; the password, Enter.
        await keyboard.PressAsync("Delete");
        await Expect(session.Dialog).ToContainTextAsync("Remove 3 tokens?");
        Assert.Equal(chosen.Order(), (await session.Dialog.Locator(".td-remove-list li").AllInnerTextsAsync()).Order());
        await Check("remove dialog");
        await TabToAsync(page, session.DialogButton("Remove"));
        await keyboard.PressAsync("Enter");
        await Expect(password).ToBeFocusedAsync();
        await Check("password dialog");
        await keyboard.TypeAsync(AppFactory.DemoPassword);
        await keyboard.PressAsync("Enter");
        await Expect(session.Rows).ToHaveCountAsync(2);
        await Expect(grid).ToBeFocusedAsync();

        // In the database: exactly the three are gone, the other two remain.
        var left = (await tokens.ListAsync(actor.UserId)).Select(t => t.Description).Order().ToList();
        Assert.Equal(shown.Except(chosen).Order(), left);

        // Sign out from the user menu (on a phone, the one menu): back to the sign-in page.
        var menu = page.GetByRole(AriaRole.Button, new() { Name = viewport is null ? "User menu" : "Menu", Exact = true });
        await TabToAsync(page, menu, backwards: true);
        await keyboard.PressAsync("Enter");
        await ArrowToAsync(page, page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out", Exact = true }));
        await keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        if (dark)
        {
            await Expect(page.Locator(".td-account-shell.td-dark")).ToBeVisibleAsync();
        }

        Assert.True(violations.Count == 0, $"{violations.Count} axe-core violations:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
        session.AssertNoConsoleErrors();
    }

    private async Task<(DashboardSession Session, Actor Actor)> SignedInWithTokensAsync(ViewportSize? viewport, params string[] descriptions)
    {
        var (session, actor) = await fixture.SignInNewAccountAsync(viewport);
        var tokens = fixture.App.Get<TokenService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var description in descriptions)
        {
            Assert.True((await tokens.GenerateAsync(actor, new TokenDraft(description, today.AddDays(3), "ide-plugins"), AppFactory.DemoPassword)).Succeeded);
        }
        return (session, actor);
    }

    [BrowserFact]
    public async Task After_Remove_from_the_toolbar_the_focus_is_on_the_grid_not_the_page()
    {
        var (session, actor) = await SignedInWithTokensAsync(null, "Old build", "New build");
        await using var _ = session;
        var page = session.Page;
        await session.OpenAccessTokensAsync();
        await session.Row("Old build").ClickAsync();
        await session.Toolbar("Remove").ClickAsync();
        await session.DialogButton("Remove").ClickAsync();
        await session.ConfirmPasswordAsync();

        await Expect(session.Rows).ToHaveCountAsync(1);
        // The Remove button that opened the dialog is disabled now (nothing selected): focus must not fall to the body.
        await Expect(page.Locator(".td-token-grid")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("tr.td-row-cursor")).ToContainTextAsync("New build");
        Assert.Equal(["New build"], (await fixture.App.Get<TokenService>().ListAsync(actor.UserId)).Select(t => t.Description));
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task After_Close_anyway_the_focus_is_on_the_grid_not_the_page()
    {
        var (session, _) = await SignedInWithTokensAsync(null, "Existing build");
        await using var _s = session;
        var page = session.Page;
        await session.OpenAccessTokensAsync();
        await session.Toolbar("Generate").ClickAsync();
        await session.Dialog.GetByLabel("Description").FillAsync("Never saved");
        await session.DialogButton("Generate").ClickAsync();
        await session.ConfirmPasswordAsync();
        await session.ShownValueAsync();
        await session.DialogButton("Close").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("Have you saved it?");
        await session.DialogButton("Close anyway").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(session.Rows).ToHaveCountAsync(2);
        await Expect(page.Locator(".td-token-grid")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(page.Locator("tr.td-row-cursor")).ToHaveCountAsync(1);
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task The_bell_opens_under_the_mouse()
    {
        var (session, _) = await SignedInWithTokensAsync(null, "Nightly CI");
        await using var _s = session;
        var page = session.Page;
        await page.ReloadAsync();
        await session.WaitInteractiveAsync();
        // A pointer on the bell's icon, where a person aims (not the control's accessible node).
        var icon = page.Locator(".td-bell-activator svg");
        var box = await icon.BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        var reminder = page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = "Nightly CI" });
        await Expect(reminder).ToBeVisibleAsync();
        await reminder.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/access-tokens\\?token=\\d+$"));
        await Expect(session.SelectedRows).ToContainTextAsync("Nightly CI");
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task On_a_phone_the_api_docs_code_blocks_are_reached_with_Tab_and_scrolled_with_the_arrows()
    {
        var (session, _) = await fixture.SignInNewAccountAsync(DashboardSession.Phone);
        await using var _s = session;
        var page = session.Page;
        await page.GotoAsync("/api-docs");
        await session.WaitInteractiveAsync();
        var blocks = new[]
        {
            page.GetByRole(AriaRole.Group, new() { Name = "Example call", Exact = true }),
            page.GetByRole(AriaRole.Group, new() { Name = "Example call of StopEnv", Exact = true }),
        };
        foreach (var block in blocks)
        {
            await Expect(block).ToBeVisibleAsync();
            Assert.True(await block.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the example fits the phone: nothing to scroll");
            // A Tab stop in every browser (Chromium alone makes a scrolling box focusable by itself).
            await Expect(block).ToHaveAttributeAsync("tabindex", "0");
            await TabToAsync(page, block, limit: 250);
            for (var i = 0; i < 5; i++)
            {
                await page.Keyboard.PressAsync("ArrowRight");
            }
            await page.WaitForFunctionAsync("e => e.scrollLeft > 0", await block.ElementHandleAsync());
        }
        session.AssertNoConsoleErrors();
    }
}
