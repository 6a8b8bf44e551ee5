using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// The dashboard as people meet it: on a phone and a tablet (every action reachable, nothing off screen), and a
/// half-filled form that is never thrown away by a cancelled password step, a wrong password or a stray Escape.
/// </summary>
public sealed class PeopleFirstWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    /// <summary>Everything on the page lies within the window's width: nothing to scroll sideways for.</summary>
    private static async Task AssertFitsAsync(IPage page, ILocator? within = null)
    {
        var width = page.ViewportSize!.Width;
        // What runs past the edge without a scrolling or clipping frame of its own, i.e. what makes the page scroll.
        var overflow = await page.EvaluateAsync<string[]>("""
            (width) => {
                const clipped = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== 'visible') { return true; } } return false; };
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > width + 0.5 && !clipped(e))
                    .slice(0, 8).map(e => e.tagName + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right));
            }
            """, width);
        Assert.True(overflow.Length == 0, $"runs past {width}px: {string.Join(", ", overflow)}");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways");
        if (within is not null)
        {
            var box = await within.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= width + 0.5, $"{box.X} + {box.Width} runs past {width}");
        }
    }

    /// <summary>The page background the server's HTML paints before any script runs (the theme's CSS variable).</summary>
    private static async Task<string> PaintedBackgroundAsync(DashboardSession session)
    {
        var html = await (await session.Context.APIRequest.GetAsync("/environments")).TextAsync();
        var match = Regex.Match(html, "--mud-palette-background:\\s*([^;]+);");
        Assert.True(match.Success, "no theme in the page");
        return match.Groups[1].Value;
    }

    [BrowserFact]
    public async Task On_a_phone_the_menu_reaches_every_page_the_theme_and_sign_out_and_nothing_runs_off_screen()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync(DashboardSession.Phone, "my-project");
        await using var _ = session;
        var page = session.Page;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.True((await fixture.App.Get<TokenService>().GenerateAsync(actor, new TokenDraft("Nightly CI", today.AddDays(3), "ide-plugins"), AppFactory.DemoPassword)).Succeeded);
        await page.ReloadAsync();
        await session.WaitInteractiveAsync();

        // The wide bar's controls are gone; one Menu button holds them, and the bell stays.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "User menu" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Expiry reminders: 1 token" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }));
        await session.ScreenshotAsync("phone-dashboard");

        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        await menu.ClickAsync();
        foreach (var item in new[] { "Dashboard", "Environments", "API Docs", "Settings", "Dark theme", "Sign out" })
        {
            var entry = page.GetByRole(AriaRole.Menuitem, new() { Name = item, Exact = true });
            await Expect(entry).ToBeVisibleAsync();
            await AssertFitsAsync(page, entry);
        }
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Dashboard", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await session.ScreenshotAsync("phone-menu");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Settings", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Access Tokens" }).ClickAsync();
        await Expect(session.Toolbar("Generate")).ToBeVisibleAsync();

        // The toolbar wraps: every button on screen. The grid scrolls inside its own frame.
        foreach (var name in new[] { "Generate", "Edit", "Duplicate", "Remove", "Refresh" })
        {
            await AssertFitsAsync(page, session.Toolbar(name));
        }
        await Expect(session.Row("Nightly CI")).ToBeVisibleAsync();
        // Stacked, each cell is named by its column (drawn by the style sheet: the rows carry no label of their own).
        Assert.Equal(["Select", "Description", "Token", "API", "Created", "Expires At", "Last Used", "Status", "Actions"],
            await session.Row("Nightly CI").Locator("td").EvaluateAllAsync<string[]>("cells => cells.map(c => getComputedStyle(c, '::before').content.replaceAll('\"', ''))"));
        await session.ScreenshotAsync("phone-access-tokens");

        // The dialog and its preset list stay on screen.
        await session.Toolbar("Generate").ClickAsync();
        await AssertFitsAsync(page, session.Dialog);
        await session.Dialog.GetByLabel("API", new() { Exact = true }).ClickAsync();
        var option = page.GetByRole(AriaRole.Option, new() { Name = "IDE Plugins" });
        await Expect(option).ToBeVisibleAsync();
        await AssertFitsAsync(page, option);
        await session.ScreenshotAsync("phone-generate");
        await option.ClickAsync();
        await session.DialogButton("Cancel").ClickAsync();
        await Expect(session.Dialog).ToHaveCountAsync(0);

        // The theme from the menu; the next page is painted dark by the server already (no light flash).
        var light = await PaintedBackgroundAsync(session);
        Assert.Matches("f4f6f9|244, ?246, ?249", light);
        await menu.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Dark theme", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("() => { const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return c[0] + c[1] + c[2] < 300; }");
        Assert.NotEqual(light, await PaintedBackgroundAsync(session));

        // Sign out from the menu: the sign-in page keeps the dark theme.
        await menu.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(page.Locator(".td-account-shell.td-dark")).ToBeVisibleAsync();
        await AssertFitsAsync(page, page.Locator(".td-account-card"));
        await session.ScreenshotAsync("phone-sign-in-dark");
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task On_a_tablet_the_bar_collapses_into_the_menu_and_the_pages_fit()
    {
        var (session, _) = await fixture.SignInNewAccountAsync(DashboardSession.Tablet, "my-project");
        await using var __ = session;
        var page = session.Page;
        foreach (var path in new[] { "/", "/environments", "/api-docs", "/settings/access-tokens" })
        {
            await page.GotoAsync(path);
            await session.WaitInteractiveAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true })).ToBeVisibleAsync();
            await AssertFitsAsync(page);
        }
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task A_cancelled_or_refused_password_returns_to_the_filled_form_and_closing_a_filled_form_asks_first()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        var page = session.Page;
        await session.OpenAccessTokensAsync();
        var description = session.Dialog.GetByLabel("Description");

        await session.Toolbar("Generate").ClickAsync();
        await description.FillAsync("Half typed");
        var defaultDate = await session.Dialog.GetByLabel("Expires At").InputValueAsync();
        await session.Dialog.GetByRole(AriaRole.Button, new() { Name = "1 year" }).ClickAsync();
        // The quick choice fills the field over the circuit: read it once it has changed, not before.
        await Expect(session.Dialog.GetByLabel("Expires At")).Not.ToHaveValueAsync(defaultDate);
        var expires = await session.Dialog.GetByLabel("Expires At").InputValueAsync();
        await session.DialogButton("Generate").ClickAsync();

        // Cancel at the password: the form again, as it was.
        await session.DialogButton("Cancel").ClickAsync();
        await Expect(description).ToHaveValueAsync("Half typed");
        await Expect(session.Dialog.GetByLabel("Expires At")).ToHaveValueAsync(expires);

        // A wrong password, then Cancel: the form again; the wrong password is not kept.
        await session.DialogButton("Generate").ClickAsync();
        await session.Dialog.GetByLabel("Password", new() { Exact = true }).FillAsync("not-my-password");
        await session.DialogButton("Confirm").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("attempt");
        await session.DialogButton("Cancel").ClickAsync();
        await Expect(description).ToHaveValueAsync("Half typed");

        // Escape on the filled form asks; Enter answers "Keep editing".
        await Expect(session.Dialog.Locator("[data-escape-asks]")).ToBeAttachedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(session.DialogButton("Keep editing")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(description).ToHaveValueAsync("Half typed");

        // Cancel asks too; Discard closes it. Nothing was generated on the way.
        await session.DialogButton("Cancel").ClickAsync();
        await session.DialogButton("Discard").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        Assert.Empty(await fixture.App.Get<TokenService>().ListAsync(actor.UserId));

        // An untouched form closes at once.
        await session.Toolbar("Generate").ClickAsync();
        await Expect(session.Dialog.Locator("[data-escape-asks]")).ToBeAttachedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        session.AssertNoConsoleErrors();
    }
}
