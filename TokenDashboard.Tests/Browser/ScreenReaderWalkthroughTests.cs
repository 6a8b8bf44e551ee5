using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TokenDashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// What a screen reader hears: an error is tied to its field (aria-invalid, aria-describedby naming the message) and
/// read out from a live region of the dialog the moment it appears; controls without visible text have names.
/// </summary>
public sealed class ScreenReaderWalkthroughTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private static ILocator LiveRegion(DashboardSession session) => session.Dialog.Locator(".td-live-errors[aria-live=assertive]");

    [BrowserFact]
    public async Task A_form_error_is_tied_to_its_field_and_read_out()
    {
        var (session, _) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        await session.OpenAccessTokensAsync();
        await session.Toolbar("Generate").ClickAsync();
        var description = session.Dialog.GetByLabel("Description");
        await Expect(LiveRegion(session)).ToHaveTextAsync("");
        await Expect(description).Not.ToHaveAttributeAsync("aria-invalid", "true");

        await session.DialogButton("Generate").ClickAsync();

        await Expect(description).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(description).ToHaveAccessibleDescriptionAsync(new Regex(@"Enter a description\."));
        await Expect(LiveRegion(session)).ToHaveTextAsync("Enter a description.");

        // Typing clears the mark; the field is valid again.
        await description.FillAsync("Nightly CI");
        await Expect(description).Not.ToHaveAttributeAsync("aria-invalid", "true");
        session.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task A_wrong_password_is_read_out_with_the_attempts_left_and_cleared_from_the_field()
    {
        var (session, _) = await fixture.SignInNewAccountAsync();
        await using var _ = session;
        await session.OpenAccessTokensAsync();
        await session.Toolbar("Generate").ClickAsync();
        await session.Dialog.GetByLabel("Description").FillAsync("Nightly CI");
        await session.DialogButton("Generate").ClickAsync();
        var password = session.Dialog.GetByLabel("Password", new() { Exact = true });

        await password.FillAsync("not-my-password");
        await password.PressAsync("Enter");

        await Expect(LiveRegion(session)).ToContainTextAsync("Wrong password");
        await Expect(LiveRegion(session)).ToContainTextAsync("4 attempts left");
        await Expect(password).ToHaveValueAsync("");
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToHaveAccessibleDescriptionAsync(new Regex("Wrong password.*4 attempts left"));
        await Expect(password).ToBeFocusedAsync();

        // The second try is read out too (a new count), and the right password still goes through.
        await password.FillAsync("still-not-it");
        await session.DialogButton("Confirm").ClickAsync();
        await Expect(LiveRegion(session)).ToContainTextAsync("3 attempts left");
        await Expect(password).ToHaveValueAsync("");
        await Expect(password).ToBeFocusedAsync();
        await session.ConfirmPasswordAsync(AppFactory.DemoPassword);
        await session.ShownValueAsync();
        session.AssertNoConsoleErrors();
    }
}
