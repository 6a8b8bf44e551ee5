using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// The sign-in page's second step over a real port, as an attacker would try it: who saw one code cannot use it
/// again, nor a code a minute old (API Signin takes no codes at all — a two-factor account answers 31 — so the form
/// is the one place a code is typed at sign-in); who has a copy of the database finds no authenticator key and no
/// recovery code in it, while the owner's app and saved codes keep working.
/// </summary>
public sealed class TwoFactorSignInFormTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>
{
    private KestrelAppFactory App => (KestrelAppFactory)fixture.Factory;

    private Task<(HttpClient Browser, HttpResponseMessage Answer)> SignInWithCodeAsync(string email, string code, bool recovery = false) =>
        SignInWithCodeAsync(App, email, code, recovery);

    /// <summary>The password step in a fresh browser, then the code; answers the second step's response.</summary>
    internal static async Task<(HttpClient Browser, HttpResponseMessage Answer)> SignInWithCodeAsync(KestrelAppFactory app, string email, string code, bool recovery = false)
    {
        var browser = app.NewClient();
        var first = await browser.PostSignInAsync(email, AppFactory.DemoPassword);
        Assert.StartsWith("/Account/LoginWith2fa", first.RedirectTarget());
        var target = first.RedirectTarget();
        var page = recovery ? target + (target.Contains('?') ? "&" : "?") + "recovery=true" : target;
        var second = await browser.PostFormAsync(page, "login-2fa", new() { ["Input.Code"] = code });
        return (browser, second);
    }

    [Fact]
    public async Task One_code_signs_in_one_browser_only()
    {
        var user = await fixture.NewUserAsync("my-project");
        var (key, _) = await user.EnableTwoFactorAsync();
        var code = Totp.Code(key, App.Now().AddSeconds(30));

        var (owner, signedIn) = await SignInWithCodeAsync(user.Email, code);
        var (thief, replayed) = await SignInWithCodeAsync(user.Email, code);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/settings/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("That code is not valid", await replayed.Content.ReadAsStringAsync());
        Assert.DoesNotContain(App.CookiesOf(thief), c => c.Name == ".AspNetCore.Identity.Application");
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/settings/account")).StatusCode);
    }

    [Fact]
    public async Task A_code_a_minute_old_is_refused_and_the_current_one_signs_in()
    {
        var user = await fixture.NewUserAsync("my-project");
        var (key, _) = await user.EnableTwoFactorAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        var (_, old) = await SignInWithCodeAsync(user.Email, Totp.Code(key, App.Now().AddSeconds(-60)));
        var (_, current) = await SignInWithCodeAsync(user.Email, Totp.Code(key, App.Now()));

        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("That code is not valid", await old.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);
        Assert.Equal("/", current.RedirectTarget());
    }

    [Fact]
    public async Task The_database_holds_neither_the_authenticator_key_nor_a_recovery_code_and_both_still_sign_in()
    {
        var user = await fixture.NewUserAsync("my-project");
        var (key, codes) = await user.EnableTwoFactorAsync();

        await using (var db = App.Database.CreateContext())
        {
            var stored = string.Join("\n", await db.UserTokens.Where(t => t.UserId == user.UserId).Select(t => t.Value).ToListAsync());
            Assert.Contains("dp1:", stored);
            Assert.Contains("pbkdf2:", stored);
            Assert.DoesNotContain(key.Replace(" ", "").ToUpperInvariant()[..8], stored);
            foreach (var code in codes)
            {
                Assert.DoesNotContain(code, stored);
                Assert.DoesNotContain(code.Replace("-", ""), stored);
            }
        }

        var (_, withApp) = await SignInWithCodeAsync(user.Email, Totp.Code(key, App.Now().AddSeconds(30)));
        var (_, withRecovery) = await SignInWithCodeAsync(user.Email, codes[4].ToLowerInvariant(), recovery: true);
        var (_, again) = await SignInWithCodeAsync(user.Email, codes[4], recovery: true);

        Assert.Equal(HttpStatusCode.Redirect, withApp.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        Assert.Contains("each works once", await again.Content.ReadAsStringAsync());
    }
}
