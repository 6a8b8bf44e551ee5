using Microsoft.Playwright;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// The admin area as an administrator (the demo account, configured in appsettings.json) uses it: from the top bar to
/// Accounts, an account disabled with the keyboard only, its token found in the credentials inventory and revoked;
/// on a phone through the menu; and every admin page through the axe gate in light, dark and phone. Someone else sees
/// no Admin entry and is refused the pages.
/// </summary>
public sealed class AdminWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private static readonly string[] AdminPages = ["/admin/accounts", "/admin/tokens"];

    private async Task<(string Email, string Token)> OwnerWithTokenAsync(string description)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var actor = await fixture.App.CreateUserAsync(email);
        var issued = await fixture.App.Get<TokenService>().GenerateAsync(actor, new TokenDraft(description, null, "IDE Plugins"), AppFactory.DemoPassword);
        return (email, issued.Value!.Value);
    }

    [BrowserFact]
    public async Task An_administrator_disables_an_account_with_the_keyboard_and_revokes_its_token_from_the_inventory()
    {
        var (email, token) = await OwnerWithTokenAsync("Departed colleague's deploy");
        await using var session = await DashboardSession.SignInAsync(fixture, AppFactory.DemoEmail);
        var page = session.Page;

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Accounts" })).ToBeVisibleAsync();
        await page.GetByLabel("Search accounts").FillAsync(email);
        var row = page.Locator("tr.td-admin-account-row").Filter(new() { HasText = email });
        // The search has run once this account is the only row (before, the button below could be re-rendered away).
        await Expect(page.Locator("tr.td-admin-account-row")).ToHaveCountAsync(1);
        await Expect(row).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotFolder, "admin-accounts.png") });

        // Keyboard only: the actions button, Enter, down to Disable, Enter; the password and Enter.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Actions for {email}" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var disable = page.GetByRole(AriaRole.Menuitem, new() { Name = "Disable" });
        await Expect(disable).ToBeVisibleAsync();
        await disable.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(session.Dialog).ToContainTextAsync($"Disable {email}?");
        await Expect(session.Dialog.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(AppFactory.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await Expect(row).ToContainTextAsync("Disabled");
        using (var client = new HttpClient { BaseAddress = fixture.BaseAddress })
        {
            Assert.Equal(ResultCodes.NotAuthenticated, (await client.GetApiAsync("environment.Control.GetEnvs", token)).Result);
        }

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Tokens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Tokens" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Owner", Exact = true }).FillAsync(email);
        var tokenRow = page.Locator("tr.td-row").Filter(new() { HasText = "Departed colleague's deploy" });
        await Expect(page.Locator("tr.td-row")).ToHaveCountAsync(1);
        await Expect(tokenRow).ToHaveCountAsync(1);
        await Expect(tokenRow).ToContainTextAsync(token[^4..]);
        await Expect(page.Locator("body")).Not.ToContainTextAsync(token);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotFolder, "admin-tokens.png") });
        await tokenRow.ClickAsync();
        await Expect(page.Locator("tr.td-row-selected")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await session.ConfirmPasswordAsync();

        await Expect(page.GetByText("No token matches.")).ToBeVisibleAsync();
        Assert.Contains(fixture.App.MailsTo(email), m => m.Text.Contains("Departed colleague's deploy"));
    }

    [BrowserFact]
    public async Task On_a_phone_the_menu_leads_to_the_admin_pages_which_fit_the_screen()
    {
        await using var session = await DashboardSession.SignInAsync(fixture, AppFactory.DemoEmail, viewport: DashboardSession.Phone);
        var page = session.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Admin" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Accounts" })).ToBeVisibleAsync();
        foreach (var path in AdminPages)
        {
            await page.GotoAsync(path);
            await session.WaitInteractiveAsync();
            // The tables scroll inside their own region; the page itself never scrolls sideways.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} is wider than the phone");
        }
    }

    [BrowserFact]
    public async Task Someone_else_sees_no_Admin_entry_and_is_refused_the_pages()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await fixture.App.CreateUserAsync(email);
        await using var session = await DashboardSession.SignInAsync(fixture, email);
        var page = session.Page;

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        foreach (var path in AdminPages)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        }
    }

    [BrowserFact]
    public async Task Every_admin_page_passes_axe_in_light_dark_and_on_a_phone()
    {
        await OwnerWithTokenAsync("Nightly CI");
        var violations = new List<string>();
        foreach (var (mode, viewport, dark) in new (string, ViewportSize?, bool)[] { ("light", null, false), ("dark", null, true), ("phone", DashboardSession.Phone, false) })
        {
            await using var session = await DashboardSession.SignInAsync(fixture, AppFactory.DemoEmail, viewport: viewport);
            if (dark)
            {
                await session.SwitchToDarkAsync();
            }
            foreach (var path in AdminPages)
            {
                await session.Page.GotoAsync(path);
                await session.WaitInteractiveAsync();
                await Expect(session.Page.Locator(".mud-table-body tr").First).ToBeVisibleAsync();
                violations.AddRange(await AxeGate.ViolationsAsync(session.Page, $"{mode} {path}"));
            }
            // The password dialog of an account action.
            await session.Page.GotoAsync("/admin/accounts");
            await session.WaitInteractiveAsync();
            await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Actions for {AppFactory.DemoEmail}" }).ClickAsync();
            await session.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out everywhere" }).ClickAsync();
            await Expect(session.Dialog).ToBeVisibleAsync();
            violations.AddRange(await AxeGate.ViolationsAsync(session.Page, $"{mode} account action dialog"));
        }
        Assert.Empty(violations);
    }
}
