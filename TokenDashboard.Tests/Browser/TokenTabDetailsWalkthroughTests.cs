using Microsoft.Playwright;
using TokenDashboard.Accounts;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// What a person who knows the original tab trips over, checked in a real Chromium: tokens told apart (hint, Created,
/// a selected row that looks selected), the keyboard and screen-reader paths, and where things sit.
/// </summary>
public sealed class TokenTabDetailsWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    /// <summary>The computed background of an element, as "rgb(…)"/"rgba(…)".</summary>
    private static Task<string> BackgroundAsync(ILocator element) =>
        element.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    /// <summary>A new account on the Access Tokens tab, Generate filled in and submitted: the password comes next.</summary>
    private async Task<(DashboardSession Session, Actor Actor)> GenerateUpToThePasswordAsync(string description)
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await session.OpenAccessTokensAsync();
        await session.Toolbar("Generate").ClickAsync();
        await session.Dialog.GetByLabel("Description").FillAsync(description);
        await session.DialogButton("Generate").ClickAsync();
        return (session, actor);
    }

    [BrowserFact]
    public async Task A_selected_row_differs_from_a_hovered_one_in_light_and_dark_and_rows_show_hint_and_created()
    {
        var (session, actor) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        var tokens = fixture.App.Get<TokenService>();
        var issued = new List<IssuedToken>();
        foreach (var (name, preset) in new[] { ("Deploy from CI", "ide-plugins"), ("Maven release", "maven-plugin"), ("Marketplace bot", "marketplace") })
        {
            issued.Add((await tokens.GenerateAsync(actor, new TokenDraft(name, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), preset), AppFactory.DemoPassword)).Value!);
        }
        await session.OpenAccessTokensAsync();
        await Expect(session.Rows).ToHaveCountAsync(3);
        foreach (var token in issued)
        {
            await Expect(session.Row(token.Token.Description).Locator(".td-token-hint")).ToHaveTextAsync($"…{token.Value[^4..]}");
            await Expect(session.Row(token.Token.Description)).ToContainTextAsync(token.Token.CreatedAt.ToString("dd MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        }

        await session.Row("Maven release").ClickAsync();
        await Expect(session.SelectedRows).ToHaveCountAsync(1);
        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await session.SwitchToDarkAsync();
            }
            var plain = await BackgroundAsync(session.Row("Marketplace bot").Locator("td").Nth(2));
            await session.Row("Deploy from CI").HoverAsync();
            var hovered = await BackgroundAsync(session.Row("Deploy from CI"));
            var selected = await BackgroundAsync(session.Row("Maven release"));
            var edge = await session.Row("Maven release").Locator("td").First.EvaluateAsync<string>("e => getComputedStyle(e).boxShadow");

            Assert.NotEqual(hovered, selected);
            Assert.NotEqual(plain, selected);
            Assert.Contains("inset", edge);
            await session.ScreenshotAsync(theme == "light" ? "access-tokens-selected" : "access-tokens-dark");
        }
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Tab_reaches_a_methods_api_docs_link_which_shows_and_is_announced()
    {
        var (session, _) = await fixture.SignInNewAccountAsync();
        await using var _s = session;
        await session.OpenAccessTokensAsync();
        await session.Toolbar("Generate").ClickAsync();
        var stopEnv = session.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "StopEnv", Exact = true });
        var link = session.Dialog.GetByRole(AriaRole.Link, new() { Name = "API Docs: environment.Control.StopEnv" });
        Assert.Equal("0", await link.EvaluateAsync<string>("e => getComputedStyle(e).opacity")); // faded until wanted, as in the original

        await stopEnv.FocusAsync();
        await session.Page.Keyboard.PressAsync("Tab");

        await Expect(link).ToBeFocusedAsync();
        await Expect(link).ToHaveAttributeAsync("href", "/api-docs#environment.Control.StopEnv");
        Assert.Equal("1", await link.EvaluateAsync<string>("e => getComputedStyle(e).opacity"));
        await session.Page.Keyboard.PressAsync("Tab");
        await Expect(link).Not.ToBeFocusedAsync();
        Assert.Equal("0", await link.EvaluateAsync<string>("e => getComputedStyle(e).opacity"));
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Escape_on_the_value_dialog_asks_first_and_the_snackbar_waits_until_it_closes()
    {
        var (session, actor) = await GenerateUpToThePasswordAsync("Escape asks");
        await using var _ = session;
        var page = session.Page;
        // Opened with the mouse, the confirmation still puts the caret in the password field.
        await Expect(session.Dialog.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(AppFactory.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        var value = session.Page.GetByRole(AriaRole.Textbox, new() { Name = "Token value" });
        await Expect(value).ToBeVisibleAsync();
        var snackbar = page.Locator(".mud-snackbar").Filter(new() { HasText = "Token generated." });
        await Expect(session.Dialog.Locator("[data-escape-asks]")).ToBeAttachedAsync(); // the listener is in place

        // Escape then Enter: the question's safe answer holds the focus, so the value stays.
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByText("Have you saved it?")).ToBeVisibleAsync();
        await Expect(session.DialogButton("Go back")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Have you saved it?")).Not.ToBeVisibleAsync();
        await Expect(value).ToBeVisibleAsync();
        await Expect(snackbar).ToHaveCountAsync(0);

        await value.FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await session.DialogButton("Close anyway").ClickAsync();

        await Expect(value).ToHaveCountAsync(0);
        await Expect(snackbar).ToBeVisibleAsync();
        Assert.Single(await fixture.App.Get<TokenService>().ListAsync(actor.UserId));
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Escape_after_copying_closes_the_value_dialog_without_asking()
    {
        var (session, _) = await GenerateUpToThePasswordAsync("Copied first");
        await using var _s = session;
        var page = session.Page;
        await session.ConfirmPasswordAsync();
        await session.ShownValueAsync();
        await session.DialogButton("Copy").ClickAsync();
        await Expect(session.Dialog).ToContainTextAsync("Copied to the clipboard.");
        await Expect(session.Dialog.Locator("[data-escape-asks]")).ToBeAttachedAsync();

        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Token value" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Have you saved it?")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Token generated." })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task The_quick_expiry_buttons_sit_beside_the_date_field()
    {
        var (session, _) = await fixture.SignInNewAccountAsync();
        await using var _s = session;
        await session.OpenAccessTokensAsync();
        await session.Toolbar("Generate").ClickAsync();
        var field = await session.Dialog.GetByLabel("Expires At").BoundingBoxAsync();

        var outline = await session.Dialog.Locator(".td-expires-field .mud-input-outlined-border").BoundingBoxAsync();
        foreach (var label in new[] { "30 days", "60 days", "90 days", "1 year", "Never" })
        {
            var button = await session.DialogButton(label).BoundingBoxAsync();
            var middle = button!.Y + button.Height / 2;
            Assert.True(button.X > outline!.X + outline.Width, $"{label} is not to the right of the date field");
            Assert.True(middle > field!.Y && middle < field.Y + field.Height, $"{label} is not on the date field's line");
        }
        var first = await session.DialogButton("30 days").BoundingBoxAsync();
        Assert.True(first!.X - (outline!.X + outline.Width) < 40, "the quick choices start far from the date field");
        await session.DialogButton("1 year").ClickAsync();
        await Expect(session.Dialog.GetByLabel("Expires At")).ToHaveValueAsync(DateTime.UtcNow.Date.AddDays(365).ToString("dd-MM-yyyy"));
        await session.Page.Mouse.MoveAsync(5, 880);
        await session.Page.WaitForTimeoutAsync(500); // only for the picture: the buttons' colour transition ends
        await session.ScreenshotAsync("token-dialog-expiry");
    }
}
