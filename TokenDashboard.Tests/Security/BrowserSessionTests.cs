using System.Net;
using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Accounts;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// Each browser sign-in is a server-side record; the cookie is only as good as its record. Replayed over a real port:
/// a cookie copied before Sign out, and a browser elsewhere when the password changes. One app for the class; each
/// test signs in as an account of its own.
/// </summary>
public sealed class BrowserSessionTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>
{
    private const string NewPassword = "Brand-New-Password-9!";
    private readonly KestrelAppFactory app = (KestrelAppFactory)fixture.Factory;
    private readonly string email = $"sessions-{Guid.NewGuid():N}@example.com";

    private async Task<string> NewAccountAsync() => (await app.CreateUserAsync(email)).UserId;

    [Fact]
    public async Task A_cookie_copied_before_sign_out_opens_nothing_afterwards()
    {
        await NewAccountAsync();
        var browser = app.NewClient();
        await browser.PostSignInAsync(email, AppFactory.DemoPassword);
        var copied = app.CookieHeaderOf(browser);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(copied, "/settings/account")).StatusCode);

        var logout = await PostLogoutAsync(browser, "settings");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var replay = await WithCookie(copied, "/settings/account");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/Account/Login", replay.RedirectTarget());
        Assert.Empty(await app.Get<BrowserSessions>().ListAsync(await app.UserIdAsync(email)));
    }

    [Fact]
    public async Task A_password_change_ends_every_other_browser_at_once_and_keeps_this_one()
    {
        await NewAccountAsync();
        var here = app.NewClient();
        var elsewhere = app.NewClient();
        await here.PostSignInAsync(email, AppFactory.DemoPassword);
        await elsewhere.PostSignInAsync(email, AppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/settings/account")).StatusCode);

        var change = await here.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = AppFactory.DemoPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        // No waiting for the next security-stamp check: the other browser's record is gone now.
        var stale = await elsewhere.GetAsync("/settings/account");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/Account/Login", stale.RedirectTarget());
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/settings/account")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/settings/account")).StatusCode);
        Assert.Single(await app.Get<BrowserSessions>().ListAsync(await app.UserIdAsync(email)));
    }

    [Fact]
    public async Task Sessions_can_be_listed_described_and_ended_by_their_owner_only()
    {
        await NewAccountAsync();
        var browser = app.NewClient();
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("TestBrowser/1.0");
        await browser.PostSignInAsync(email, AppFactory.DemoPassword);
        var sessions = app.Get<BrowserSessions>();
        var owner = await app.UserIdAsync(email);
        var other = (await app.CreateUserAsync($"other-{Guid.NewGuid():N}@example.com")).UserId;

        var session = Assert.Single(await sessions.ListAsync(owner));
        Assert.Equal("127.0.0.1", session.Ip);
        Assert.Equal("TestBrowser/1.0", session.UserAgent);
        Assert.Equal(session, await sessions.GetAsync(owner, session.Id));
        Assert.Null(await sessions.GetAsync(other, session.Id));
        Assert.False(await sessions.EndAsync(other, session.Id, ip: null));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/account")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/account")).StatusCode);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, (await sessions.GetAsync(owner, session.Id))!.LastSeenAt, TimeSpan.FromSeconds(1));

        Assert.True(await sessions.EndAsync(owner, session.Id, ip: null));
        var ended = await browser.GetAsync("/settings/account");
        Assert.StartsWith("/Account/Login", ended.RedirectTarget());
    }

    [Fact]
    public async Task An_open_circuit_is_signed_out_at_its_next_revalidation_once_its_session_ends()
    {
        await NewAccountAsync();
        var browser = app.NewClient();
        await browser.PostSignInAsync(email, AppFactory.DemoPassword);
        var userId = await app.UserIdAsync(email);
        var session = Assert.Single(await app.Get<BrowserSessions>().ListAsync(userId));
        await using var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var stamp = await SecurityStampAsync(userId);
        var state = new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(BrowserSessions.ClaimType, session.Id),
            new Claim("AspNet.Identity.SecurityStamp", stamp),
        ], "Identity.Application")));

        // A minute by default (Accounts:OpenPageRevalidationSeconds).
        Assert.Equal(TimeSpan.FromMinutes(1), provider.GetType().GetProperty("RevalidationInterval", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(provider));
        Assert.True(await RevalidateAsync(provider, state));
        await app.Get<BrowserSessions>().EndAsync(userId, session.Id, ip: null);
        Assert.False(await RevalidateAsync(provider, state));
    }

    private static Task<bool> RevalidateAsync(AuthenticationStateProvider provider, AuthenticationState state) =>
        (Task<bool>)provider.GetType().GetMethod("ValidateAuthenticationStateAsync", BindingFlags.Instance | BindingFlags.NonPublic)!
            .Invoke(provider, [state, CancellationToken.None])!;

    private async Task<string> SecurityStampAsync(string userId)
    {
        await using var db = app.Database.CreateContext();
        return db.Users.Single(u => u.Id == userId).SecurityStamp!;
    }

    private async Task<HttpResponseMessage> WithCookie(string cookie, string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostLogoutAsync(HttpClient client, string returnUrl)
    {
        // Any form of the signed-in user carries a token valid for the sign-out form too.
        var page = await client.GetStringAsync("/Account/Manage/ChangePassword");
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        return await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ReturnUrl"] = returnUrl,
        }));
    }
}
