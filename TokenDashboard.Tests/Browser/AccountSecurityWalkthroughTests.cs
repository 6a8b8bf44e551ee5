using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TokenDashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TokenDashboard.Tests.Browser;

/// <summary>
/// Account security end to end, as a person does it: turning two-factor sign-in on with the manual key (the code
/// computed here as an authenticator app would), signing in with a code and with a recovery code (once); ending
/// another browser from the Sessions tab (its next page is the sign-in page at once, its open page at its next
/// revalidation), then all others; and a token limited to other addresses refused from here (30), as the Activity tab
/// shows.
/// </summary>
public sealed class AccountSecurityWalkthroughTests(QuickRevalidationBrowserFixture fixture) : IClassFixture<QuickRevalidationBrowserFixture>
{
    /// <summary>What the second browser calls itself, so that the Sessions tab tells the two apart.</summary>
    private const string OtherBrowser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Firefox/130.0";

    private static readonly Regex SignInPage = new("/Account/Login");

    private async Task<string> NewAccountAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        await fixture.App.CreateUserAsync(email);
        return email;
    }

    [BrowserFact]
    public async Task Two_factor_is_turned_on_with_the_manual_key_and_sign_in_then_takes_a_code_or_a_recovery_code_once()
    {
        var email = await NewAccountAsync("two-factor");
        await using var owner = await DashboardSession.SignInAsync(fixture, email);
        var page = owner.Page;

        // Settings → Account → Enable: the QR code and the manual key; the code an app computes from the key turns it on.
        await page.GotoAsync("/settings/account");
        await owner.WaitInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable two-factor authentication" }).ClickAsync();
        await Expect(owner.Dialog.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        var key = await owner.Dialog.GetByLabel("Manual key").InputValueAsync();
        Assert.Matches("^[a-z2-7 ]{20,}$", key);
        await owner.Dialog.GetByLabel("Verification code").FillAsync(Totp.WrongCode(key));
        await owner.Dialog.GetByLabel("Password").FillAsync(AppFactory.DemoPassword);
        await owner.DialogButton("Verify").ClickAsync();
        await Expect(owner.Dialog).ToContainTextAsync("That code is not valid");
        await Expect(page.Locator("[data-two-factor=off]")).ToBeAttachedAsync();
        await owner.Dialog.GetByLabel("Verification code").FillAsync(Totp.Code(key));
        await owner.Dialog.GetByLabel("Password").FillAsync(AppFactory.DemoPassword);
        await owner.DialogButton("Verify").ClickAsync();

        // Ten recovery codes, shown once.
        var codesBox = owner.Dialog.GetByLabel("Recovery codes");
        await Expect(codesBox).ToBeVisibleAsync();
        var codes = (await codesBox.InnerTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(10, codes.Distinct().Count());
        await owner.ScreenshotAsync("two-factor-recovery-codes");
        // Escape before the codes were saved asks first, and the safe answer holds the focus: Escape then Enter keeps them.
        await Expect(owner.Dialog.Locator("[data-escape-asks]")).ToBeAttachedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(owner.DialogButton("Go back")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Have you saved them?")).ToHaveCountAsync(0);
        await Expect(codesBox).ToBeVisibleAsync();
        await owner.DialogButton("Download").ClickAsync();
        await owner.DialogButton("Done").ClickAsync();
        await Expect(page.Locator("[data-two-factor=on]")).ToContainTextAsync("10 recovery codes left");

        // Another browser: the password alone is not enough; the app's code signs in.
        await using (var withCode = await DashboardSession.OpenAsync(fixture))
        {
            await withCode.SubmitSignInAsync(email);
            await Expect(withCode.Page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
            await withCode.Page.GotoAsync("/settings/access-tokens");
            await Expect(withCode.Page).ToHaveURLAsync(SignInPage); // the first step alone opens nothing
            await withCode.SubmitSignInAsync(email);
            // The app's next code: the one that turned two-factor on is used up (each works once).
            await withCode.Page.GetByLabel("Authenticator code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
            await withCode.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            await withCode.WaitInteractiveAsync();
            await withCode.OpenAccessTokensAsync();
            withCode.AssertNoConsoleErrors();
        }

        // And a recovery code instead, once.
        await using (var withRecovery = await SubmitRecoveryCodeAsync(email, codes[0]))
        {
            await withRecovery.WaitInteractiveAsync();
            await withRecovery.OpenAccessTokensAsync();
        }
        await using (var reused = await SubmitRecoveryCodeAsync(email, codes[0]))
        {
            await Expect(reused.Page.GetByText("each works once")).ToBeVisibleAsync();
            await Expect(reused.Page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        }

        await page.ReloadAsync();
        await Expect(page.Locator("[data-two-factor=on]")).ToContainTextAsync("9 recovery codes left");

        // New recovery codes: the password, then ten new codes shown once; the earlier ones stop working.
        await owner.WaitInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New recovery codes" }).ClickAsync();
        await owner.ConfirmPasswordAsync();
        await Expect(owner.Dialog).ToContainTextAsync("Your earlier recovery codes no longer work.");
        var renewed = (await owner.Dialog.GetByLabel("Recovery codes").InnerTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(10, renewed.Distinct().Count());
        Assert.Empty(renewed.Intersect(codes));
        await owner.DialogButton("Download").ClickAsync();
        await owner.DialogButton("Done").ClickAsync();
        await Expect(page.Locator("[data-two-factor=on]")).ToContainTextAsync("10 recovery codes left");
        await using (var oldCode = await SubmitRecoveryCodeAsync(email, codes[1]))
        {
            await Expect(oldCode.Page.GetByText("each works once")).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Tab, new() { Name = "Activity" }).ClickAsync();
        var activity = page.Locator("tr.td-activity-row");
        await Expect(activity.Filter(new() { HasText = "Two factor enabled" })).ToContainTextAsync("127.0.0.1");
        await Expect(activity.Filter(new() { HasText = "Recovery code used" })).ToHaveCountAsync(1);
        await Expect(activity.Filter(new() { HasText = "Recovery codes renewed" })).ToHaveCountAsync(1);
        owner.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task A_second_browser_holding_only_the_copied_cookie_cannot_turn_two_factor_on_nor_renew_recovery_codes()
    {
        var email = await NewAccountAsync("stolen-cookie");
        await using var owner = await DashboardSession.SignInAsync(fixture, email);
        // The thief: another browser with nothing but the owner's cookies (no password).
        await using var thief = await DashboardSession.OpenAsync(fixture, userAgent: OtherBrowser);
        await thief.Context.AddCookiesAsync((await owner.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        var page = thief.Page;
        await page.GotoAsync("/settings/account");
        await thief.WaitInteractiveAsync();

        // It can start the setup and compute a right code from the key, but without the password nothing turns on.
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable two-factor authentication" }).ClickAsync();
        var key = await thief.Dialog.GetByLabel("Manual key").InputValueAsync();
        await thief.Dialog.GetByLabel("Verification code").FillAsync(Totp.Code(key));
        await thief.DialogButton("Verify").ClickAsync();
        await Expect(thief.Dialog).ToContainTextAsync("Enter your password to confirm.");
        await thief.Dialog.GetByLabel("Password").FillAsync("Guessed-Password-1!");
        await thief.DialogButton("Verify").ClickAsync();
        await Expect(thief.Dialog).ToContainTextAsync("Wrong password. Nothing was changed.");
        await Expect(thief.Dialog.GetByLabel("Recovery codes")).ToHaveCountAsync(0);
        await thief.DialogButton("Cancel").ClickAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("[data-two-factor=off]")).ToBeAttachedAsync();

        // The owner still signs in with the password alone, then turns two-factor on; the thief cannot replace the codes.
        await using (var again = await DashboardSession.SignInAsync(fixture, email))
        {
            await Expect(again.Page).Not.ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        }
        var (_, ownerCodes) = await new ApiUser(fixture.App, new(await fixture.App.UserIdAsync(email), "127.0.0.1"), email).EnableTwoFactorAsync();
        await page.ReloadAsync();
        await thief.WaitInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New recovery codes" }).ClickAsync();
        await thief.ConfirmPasswordAsync("Guessed-Password-1!");
        await Expect(thief.Dialog).ToContainTextAsync("Wrong password. Nothing was changed.");
        await thief.DialogButton("Cancel").ClickAsync();
        await Expect(page.Locator("[data-two-factor=on]")).ToContainTextAsync("10 recovery codes left");
        Assert.Null(await fixture.App.Get<TokenDashboard.Accounts.TwoFactor.TwoFactorService>()
            .CheckSignInCodeAsync(await fixture.App.UserIdAsync(email), "127.0.0.1", ownerCodes[0], recoveryCode: true));
        thief.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task Ending_another_browser_in_the_sessions_tab_signs_it_out_and_stops_its_open_page_then_all_others_end()
    {
        var email = await NewAccountAsync("sessions");
        await using var here = await DashboardSession.SignInAsync(fixture, email);
        await using var other = await DashboardSession.SignInAsync(fixture, email, userAgent: OtherBrowser);
        await using var third = await DashboardSession.SignInAsync(fixture, email);
        using var script = new HttpClient { BaseAddress = fixture.BaseAddress };
        var apiSession = await SigninAsync(script, email);

        // The other browser has the Access Tokens tab open: a live circuit.
        await other.OpenAccessTokensAsync();

        var page = here.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Sessions" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/settings/sessions$"));
        var rows = page.Locator("tr.td-session-row");
        await Expect(rows).ToHaveCountAsync(4);
        var current = rows.Filter(new() { HasText = "This browser" });
        await Expect(current).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("This browser");
        await Expect(current.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = "API session" })).ToContainTextAsync("127.0.0.1");
        var otherRow = rows.Filter(new() { HasText = "Firefox 130 on macOS" });
        await Expect(otherRow).ToContainTextAsync("127.0.0.1");
        await page.Mouse.MoveAsync(0, 0); // no hover highlight in the picture
        await page.WaitForTimeoutAsync(500); // the tab underline slides over; the picture, not the test, waits for it
        await here.ScreenshotAsync("sessions");

        // Sign out the other browser: the password first (a wrong one changes nothing).
        await otherRow.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await here.ConfirmPasswordAsync("not the password");
        await Expect(here.Dialog).ToContainTextAsync("Wrong password. Nothing was changed.");
        await here.ConfirmPasswordAsync();
        var ended = Stopwatch.StartNew();
        await Expect(page.GetByText("Signed out 1 session.")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(otherRow).ToHaveCountAsync(0);

        // Its next page is the sign-in page at once (a second tab, same cookies) …
        var nextPage = await other.Context.NewPageAsync();
        await nextPage.GotoAsync("/settings/access-tokens");
        await Expect(nextPage).ToHaveURLAsync(SignInPage);
        // … the open page's circuit is signed out at its next revalidation (every 2 s here) …
        await Expect(other.Page).ToHaveURLAsync(SignInPage);
        Assert.True(ended.Elapsed < TimeSpan.FromSeconds(15), $"The open page was signed out after {ended.Elapsed}.");
        // … and the others are untouched.
        await third.Page.GotoAsync("/settings/access-tokens");
        await third.WaitInteractiveAsync();
        Assert.StartsWith("{\"result\":0", await script.GetStringAsync($"/1.0/environment/control/rest/getenvs?session={apiSession}"));

        // Sign out all others: the third browser and the API session (at once).
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out all others" }).ClickAsync();
        await Expect(here.Dialog).ToContainTextAsync("Sign out every other browser and API session of this account.");
        await here.ConfirmPasswordAsync();
        await Expect(page.GetByText("Signed out 2 sessions.")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out all others" })).ToBeDisabledAsync();
        Assert.StartsWith("{\"result\":702", await script.GetStringAsync($"/1.0/environment/control/rest/getenvs?session={apiSession}"));
        await third.Page.GotoAsync("/settings/access-tokens");
        await Expect(third.Page).ToHaveURLAsync(SignInPage);

        // The Activity tab lists the three ends: two browsers, one API session.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Activity" }).ClickAsync();
        var activity = page.Locator("tr.td-activity-row").Filter(new() { HasText = "Session ended" });
        await Expect(activity).ToHaveCountAsync(3);
        await Expect(activity.Filter(new() { HasText = "Firefox 130 on macOS" })).ToHaveCountAsync(1);
        await Expect(activity.Filter(new() { HasText = "1 API session" })).ToHaveCountAsync(1);
        here.AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task A_token_limited_to_other_addresses_is_refused_from_here_with_30_and_the_activity_tab_shows_it()
    {
        // The test server sees every call from 127.0.0.1, so the list leaves that out.
        var (session, _) = await fixture.SignInNewAccountAsync("my-project");
        await using var _s = session;
        var page = session.Page;
        using var script = new HttpClient { BaseAddress = fixture.BaseAddress };
        await session.OpenAccessTokensAsync();

        await session.Toolbar("Generate").ClickAsync();
        await session.Dialog.GetByLabel("Description").FillAsync("Office only");
        await session.Dialog.GetByLabel("API", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "IDE Plugins" }).ClickAsync();
        await session.Dialog.GetByLabel("Allowed addresses").FillAsync("203.0.113.0/24, 2001:db8::/32");
        await session.DialogButton("Generate").ClickAsync();
        await session.ConfirmPasswordAsync();
        var token = await session.ShownValueAsync();
        await session.DialogButton("Download").ClickAsync();
        await session.DialogButton("Close").ClickAsync();
        await Expect(session.Row("Office only")).ToBeVisibleAsync();

        var refused = await script.GetStringAsync($"/1.0/environment/control/rest/getenvs?session={token}");
        Assert.StartsWith("{\"result\":30,", refused);
        Assert.DoesNotContain("203.0.113", refused);
        Assert.DoesNotContain("2001:db8", refused);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Activity" }).ClickAsync();
        var entry = page.Locator("tr.td-activity-row").Filter(new() { HasText = "Address refused" });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync("Office only");
        await Expect(entry).ToContainTextAsync("127.0.0.1");
        session.AssertNoConsoleErrors();
    }

    /// <summary>A fresh browser: the password, then "Use a recovery code" and the code.</summary>
    private async Task<DashboardSession> SubmitRecoveryCodeAsync(string email, string code)
    {
        var session = await DashboardSession.OpenAsync(fixture);
        await session.SubmitSignInAsync(email);
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await session.Page.GetByLabel("Recovery code").FillAsync(code);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        return session;
    }

    private static async Task<string> SigninAsync(HttpClient script, string email)
    {
        var answer = await script.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", AppFactory.DemoPassword));
        Assert.Equal(0, answer.Result);
        return answer["session"].GetString()!;
    }
}

/// <summary>
/// Open pages recheck their sign-in every 2 s instead of the default minute (which BrowserSessionTests checks), so
/// the walkthrough sees an ended session leave its open page without waiting a real minute.
/// </summary>
public sealed class QuickRevalidationBrowserFixture : BrowserAppFixture
{
    public QuickRevalidationBrowserFixture()
        : base(QuickApp())
    {
    }

    private static KestrelAppFactory QuickApp()
    {
        var app = NewApp();
        app.Settings["Accounts:OpenPageRevalidationSeconds"] = "2";
        return app;
    }
}
