using Microsoft.Playwright;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// Controls that do what they say: a group check box of the method picker touches only the methods the search shows
/// (and says how many it leaves alone); each row's menu regenerates that token, reached from the keyboard.
/// </summary>
public sealed class HonestControlsWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private static async Task<HashSet<string>> CheckedMethodsAsync(ILocator dialog)
    {
        var names = await dialog.Locator(".td-method").EvaluateAllAsync<string[]>(
            "ms => ms.filter(m => m.querySelector('input[type=checkbox]').checked).map(m => m.querySelector('[title]').getAttribute('title'))");
        return names.ToHashSet();
    }

    [BrowserFact]
    public async Task A_group_box_under_a_search_checks_only_the_shown_methods_and_says_how_many_it_left()
    {
        var (session, _) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        await session.OpenAccessTokensAsync();
        await session.Toolbar("Generate").ClickAsync();
        var dialog = session.Dialog;
        await Expect(dialog.Locator(".td-method input:checked").First).ToBeCheckedAsync();
        var before = await CheckedMethodsAsync(dialog);
        var group = ApiCatalog.Grantable.Where(m => m.Group == "environment.Control").Select(m => m.FullName).ToList();

        await dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("sleep");
        var box = dialog.GetByRole(AriaRole.Checkbox, new() { NameRegex = new("^All shown of environment\\.Control \\(\\d+ hidden by the search are unchanged\\)$") });
        await Expect(box).ToBeVisibleAsync();
        var shownNames = await dialog.Locator(".td-method [title]").EvaluateAllAsync<string[]>("es => es.map(e => e.getAttribute('title'))");
        var hidden = group.Count - shownNames.Count(group.Contains);
        Assert.True(hidden > 0);
        await Expect(box).ToHaveAccessibleNameAsync($"All shown of environment.Control ({hidden} hidden by the search are unchanged)");
        await Expect(dialog.Locator(".td-group-hidden", new() { HasText = $"{hidden} hidden by the search are unchanged" })).ToBeVisibleAsync();
        await box.CheckAsync();
        await Expect(dialog.GetByLabel("API", new() { Exact = true })).ToHaveTextAsync("Custom");

        await dialog.GetByLabel("Search", new() { Exact = true }).FillAsync("");
        await Expect(dialog.Locator(".td-group-hidden")).ToHaveCountAsync(0);
        var after = await CheckedMethodsAsync(dialog);
        var expected = before.Union(shownNames.Where(group.Contains)).ToHashSet();
        Assert.True(after.SetEquals(expected), $"checked {string.Join(", ", after.Except(expected))}; lost {string.Join(", ", expected.Except(after))}");
        Assert.DoesNotContain("environment.Control.DeleteEnv", after);
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task A_row_menu_regenerates_its_token_from_the_keyboard()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        var page = session.Page;
        var tokens = fixture.App.Get<TokenService>();
        var draft = new TokenDraft("Nightly CI", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), "ide-plugins");
        var old = (await tokens.GenerateAsync(actor, draft, AppFactory.DemoPassword)).Value!.Value;
        await session.OpenAccessTokensAsync();
        await Expect(session.Row("Nightly CI")).ToBeVisibleAsync();

        // The grid is one Tab stop; the cursor row's menu is the next one.
        await page.Locator(".td-token-grid").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("tr.td-row-cursor")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Actions for Nightly CI" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var regenerate = page.GetByRole(AriaRole.Menuitem, new() { Name = "Regenerate" });
        await Expect(regenerate).ToBeVisibleAsync();
        // MudMenu's own keys: the arrows move to Regenerate (where they start depends on how fast the menu settled).
        for (var i = 0; i < 8 && !await regenerate.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement) || e.classList.contains('mud-selected-item')"); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            await page.WaitForTimeoutAsync(300);
        }
        await page.Keyboard.PressAsync("Enter");

        await Expect(session.Dialog).ToContainTextAsync("Regenerate \"Nightly CI\"");
        // Typing before the dialog has moved the caret loses keystrokes (a CI run under load sent half a password).
        await Expect(session.Dialog.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(AppFactory.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        var value = await session.ShownValueAsync();
        Assert.NotEqual(old, value);
        Assert.Null((await fixture.App.Get<TokenValidator>().ValidateAsync(old)).Token);
        Assert.Equal(actor.UserId, (await fixture.App.Get<TokenValidator>().ValidateAsync(value)).Token!.UserId);

        // Shift+F10 opens the cursor row's menu too.
        await session.DialogButton("Download").ClickAsync();
        await session.DialogButton("Close").ClickAsync();
        await page.Locator(".td-token-grid").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Shift+F10");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Regenerate" })).ToBeVisibleAsync();
        session.AssertNoConsoleErrors();
    }
}
