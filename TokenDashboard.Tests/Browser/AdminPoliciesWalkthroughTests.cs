using Microsoft.Playwright;
using TokenDashboard.Accounts.Policies;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// Admin → Policies in Chromium, as the demo account (the configured administrator): saved with the keyboard alone
/// and the password, a contradiction refused beside its field before any password, and the axe-core gate in the
/// light and dark themes and at 390 px. The policies are the site's: each test leaves none behind.
/// </summary>
public sealed class AdminPoliciesWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private async Task<DashboardSession> OpenPoliciesAsync(ViewportSize? viewport = null)
    {
        var session = await DashboardSession.SignInAsync(fixture, AppFactory.DemoEmail, viewport: viewport);
        await session.Page.GotoAsync("/admin/policies");
        await session.WaitInteractiveAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Access tokens" })).ToBeVisibleAsync();
        return session;
    }

    private Task ResetAsync() =>
        fixture.App.Get<PolicyAdministration>().SetAsync(fixture.App.DemoActorAsync().GetAwaiter().GetResult(), SitePolicies.None, AppFactory.DemoPassword, applyToExisting: false);

    [BrowserFact]
    public async Task An_administrator_saves_a_thirty_day_policy_with_the_keyboard_and_the_password()
    {
        await ResetAsync();
        await using var session = await OpenPoliciesAsync();
        var page = session.Page;
        var violations = new List<string>(await AxeGate.ViolationsAsync(page, "light policies"));

        // A contradiction first — every preset and Custom unchecked: said beside the list, and no password asked.
        await page.GetByRole(AriaRole.Switch, new() { Name = "Only some presets (and Custom lists) allowed" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        foreach (var name in ApiCatalog.Presets.Select(p => p.Name).Append("Custom (a chosen list of methods)"))
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Space");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policies" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert).GetByText("would allow no token at all")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        violations.AddRange(await AxeGate.ViolationsAsync(page, "light policies refused"));
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "IDE Plugins", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");

        await page.GetByLabel("Maximum lifetime (days)").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("30");
        await page.Keyboard.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policies" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(session.Dialog.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        violations.AddRange(await AxeGate.ViolationsAsync(page, "light policies password"));
        await page.Keyboard.TypeAsync(AppFactory.DemoPassword);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByText("Policies saved.")).ToBeVisibleAsync();
        var saved = await fixture.App.Get<PolicyAdministration>().GetAsync();
        Assert.Equal((30, "ide-plugins"), (saved.MaxLifetimeDays, Assert.Single(saved.AllowedPresets!)));
        Assert.Empty(violations);
        session.AssertNoConsoleErrors();
        await ResetAsync();
    }

    [BrowserFact]
    public async Task The_policies_page_passes_axe_in_the_dark_theme_and_fits_a_phone()
    {
        await ResetAsync();
        var violations = new List<string>();
        await using (var dark = await OpenPoliciesAsync())
        {
            await dark.SwitchToDarkAsync();
            await dark.Page.GetByRole(AriaRole.Switch, new() { Name = "Only some presets (and Custom lists) allowed" }).CheckAsync();
            violations.AddRange(await AxeGate.ViolationsAsync(dark.Page, "dark policies"));
        }
        await using (var phone = await OpenPoliciesAsync(DashboardSession.Phone))
        {
            var page = phone.Page;
            violations.AddRange(await AxeGate.ViolationsAsync(page, "phone policies"));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= DashboardSession.Phone.Width, "the page scrolls sideways");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save policies" })).ToBeVisibleAsync();
        }
        Assert.Empty(violations);
    }
}
