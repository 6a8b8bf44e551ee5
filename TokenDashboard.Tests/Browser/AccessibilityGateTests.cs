using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TokenDashboard.Accounts;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// The axe-core gate: every page and every dialog, in the light theme, the dark theme and on a phone, with no
/// serious or critical violation (and one main landmark, one h1, headings in order). A new violation fails the build
/// with the rule and the elements it found. Each mode is a class of its own (below), so the three tours — the
/// suite's longest browser runs — run beside other classes instead of one after another.
/// </summary>
public abstract class AccessibilityGateTests(BrowserAppFixture fixture)
{
    protected async Task TourAsync(ViewportSize? viewport, bool dark, string mode)
    {
        var violations = new List<string>();
        async Task Check(IPage page, string where) => violations.AddRange(await AxeGate.ViolationsAsync(page, $"{mode} {where}"));

        // The static account pages, before anyone signs in.
        await using (var visitor = await DashboardSession.OpenAsync(fixture, viewport: viewport))
        {
            if (dark)
            {
                await visitor.Page.EvaluateAsync("() => localStorage.setItem('td-theme', 'dark')");
                await visitor.Context.AddCookiesAsync([new Cookie { Name = "td-theme", Value = "dark", Url = fixture.BaseAddress.ToString() }]);
            }
            foreach (var path in new[] { "/Account/Login", "/Account/Register", "/Account/Lockout", "/Account/AccessDenied", "/Account/InvalidUser",
                         "/Account/RegisterConfirmation", "/Account/ResendEmailConfirmation", "/Account/ConfirmEmail" })
            {
                await visitor.Page.GotoAsync(path);
                await Check(visitor.Page, path);
            }
            // A real confirmation link asks for the password; a wrong one is refused beside the form.
            var registered = $"axe-{mode}-{Guid.NewGuid():N}@example.com";
            Assert.True((await fixture.App.Get<Registration>().RegisterAsync(registered, AppFactory.DemoPassword, "127.0.0.1", fixture.BaseAddress.ToString())).Succeeded);
            var link = Regex.Match(Assert.Single(fixture.App.MailsTo(registered)).Body, @"/Account/ConfirmEmail\?\S+").Value;
            await visitor.Page.GotoAsync(link);
            await Check(visitor.Page, "confirmation link");
            await visitor.Page.GetByLabel("Password").FillAsync("Not-The-Password-1!");
            await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Expect(visitor.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong password");
            await Check(visitor.Page, "confirmation with a wrong password");
            await visitor.Page.GotoAsync("/Account/Login");
            await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(); // empty: errors beside the fields
            await Check(visitor.Page, "sign-in errors");
        }

        var (session, actor) = await fixture.SignInNewAccountAsync(viewport, "my-project", "staging");
        await using var _ = session;
        var page = session.Page;
        var tokens = fixture.App.Get<TokenService>();
        foreach (var (description, days) in new[] { ("Nightly CI", 3), ("Release pipeline", 60) })
        {
            var draft = new TokenDraft(description, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days), "ide-plugins");
            Assert.True((await tokens.GenerateAsync(actor, draft, AppFactory.DemoPassword)).Succeeded);
        }
        Assert.True((await fixture.App.Get<EnvironmentService>().CreateAsync(actor.UserId, new EnvironmentDraft("balanced",
            Nodes: [new("nginx"), new("tomcat", Count: 2), new("mysql")]))).Succeeded);
        if (dark)
        {
            await session.SwitchToDarkAsync();
        }

        foreach (var path in new[] { "/", "/environments", "/api-docs", "/settings/account", "/settings/access-tokens", "/settings/sessions", "/settings/activity", "/not-found", "/Account/Manage/ChangePassword" })
        {
            await page.GotoAsync(path);
            if (!path.StartsWith("/Account", StringComparison.Ordinal))
            {
                await session.WaitInteractiveAsync();
            }
            await Check(page, path);
        }

        // An environment's nodes, listed from the keyboard alone: the toggle is in the tab order (one Shift+Tab back
        // from the row's first action), and Enter opens it.
        await page.GotoAsync("/environments");
        await session.WaitInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop balanced", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        var show = page.GetByRole(AriaRole.Button, new() { Name = "Show nodes of balanced", Exact = true });
        await Expect(show).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hide nodes of balanced", Exact = true })).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Nodes of balanced" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(4);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{mode}: the node list makes the page scroll sideways");
        await Check(page, "environment nodes listed");

        // The app bar's menus.
        await page.GotoAsync("/");
        await session.WaitInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Expiry reminders: 1 token" }).ClickAsync();
        await Check(page, "bell open");
        await page.Keyboard.PressAsync("Escape");

        // The token dialogs, one after another.
        await page.GotoAsync("/settings/access-tokens");
        await session.WaitInteractiveAsync();
        await session.Toolbar("Generate").ClickAsync();
        await session.DialogButton("Generate").ClickAsync(); // empty: the error beside the field and in the live region
        await Expect(session.Dialog.GetByLabel("Description")).ToHaveAttributeAsync("aria-invalid", "true");
        await Check(page, "generate dialog errors");
        await session.Dialog.GetByLabel("Description").FillAsync("Axe");
        await session.Dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("sleep");
        await Expect(session.Dialog.Locator(".td-group-hidden").First).ToBeVisibleAsync();
        await Check(page, "method picker searched");
        await session.Dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("");
        await Expect(session.Dialog.Locator(".td-group-hidden")).ToHaveCountAsync(0);
        await Check(page, "generate dialog");
        await session.Dialog.GetByLabel("API", new() { Exact = true }).ClickAsync();
        await Check(page, "preset list");
        await page.GetByRole(AriaRole.Option, new() { Name = "IDE plugins" }).ClickAsync();
        await session.DialogButton("Generate").ClickAsync();
        await Expect(session.Dialog.GetByLabel("Password", new() { Exact = true })).ToBeVisibleAsync();
        await Check(page, "password dialog");
        await session.Dialog.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong-password");
        await session.DialogButton("Confirm").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("attempt");
        await Check(page, "wrong password");
        await session.ConfirmPasswordAsync();
        await session.ShownValueAsync();
        await Check(page, "show-once dialog");
        await session.DialogButton("Close").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("Have you saved it?");
        await Check(page, "have you saved it");
        await session.DialogButton("Close anyway").ClickAsync();
        await Expect(session.Rows).ToHaveCountAsync(3);

        await session.Row("Nightly CI").ClickAsync();
        await session.Toolbar("Edit").ClickAsync();
        await Check(page, "edit dialog");
        await page.Keyboard.PressAsync("Escape");
        await session.Toolbar("Remove").ClickAsync();
        await Check(page, "remove dialog");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Button, new() { Name = "Actions for Nightly CI" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Regenerate" })).ToBeVisibleAsync();
        await Check(page, "row menu");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Button, new() { Name = "Details of Nightly CI" }).ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("Nightly CI");
        await Check(page, "details dialog");
        await page.Keyboard.PressAsync("Escape");

        // Two-factor set-up.
        await page.GotoAsync("/settings/account");
        await session.WaitInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable two-factor authentication" }).ClickAsync();
        await Expect(session.Dialog.GetByLabel("Manual key")).ToBeVisibleAsync();
        await Check(page, "two-factor dialog");
        await page.Keyboard.PressAsync("Escape");

        // The user menu (on a phone: the one menu that holds the bar).
        await page.GetByRole(AriaRole.Button, new() { Name = viewport is null ? "User menu" : "Menu", Exact = true }).ClickAsync();
        await Check(page, "menu");

        Assert.True(violations.Count == 0, $"{violations.Count} axe-core violations:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }
}

public sealed class AccessibilityGateLightTests(BrowserAppFixture fixture) : AccessibilityGateTests(fixture), IClassFixture<BrowserAppFixture>
{
    [BrowserFact]
    public Task Every_page_and_dialog_passes_axe_in_the_light_theme() => TourAsync(viewport: null, dark: false, "light");
}

public sealed class AccessibilityGateDarkTests(BrowserAppFixture fixture) : AccessibilityGateTests(fixture), IClassFixture<BrowserAppFixture>
{
    [BrowserFact]
    public Task Every_page_and_dialog_passes_axe_in_the_dark_theme() => TourAsync(viewport: null, dark: true, "dark");
}

public sealed class AccessibilityGatePhoneTests(BrowserAppFixture fixture) : AccessibilityGateTests(fixture), IClassFixture<BrowserAppFixture>
{
    [BrowserFact]
    public Task Every_page_and_dialog_passes_axe_on_a_phone() => TourAsync(DashboardSession.Phone, dark: false, "phone");
}
