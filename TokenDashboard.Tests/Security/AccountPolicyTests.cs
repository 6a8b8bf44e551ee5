using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Policies;
using TokenDashboard.Accounts.TwoFactor;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// The account policies over a real port: registration closed or by invitation (a one-time link, refused alike
/// whatever was wrong with it), and two-factor required (a signed-in account without it reaches only its setup).
/// The policies are the site's: each test sets the ones it needs first.
/// </summary>
public sealed partial class AccountPolicyTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>
{
    private const string NewPassword = "New-Password-1!";

    private KestrelAppFactory App => (KestrelAppFactory)fixture.Factory;

    private static string NewEmail() => $"inv-{Guid.NewGuid():N}@example.com";

    /// <summary>Every test starts with the back-off windows of earlier tests (all from 127.0.0.1) passed.</summary>
    private async Task SetPolicyAsync(SitePolicies policies)
    {
        App.Clock.Advance(TimeSpan.FromMinutes(6));
        var saved = await App.Get<PolicyAdministration>().SetAsync(await App.DemoActorAsync(), policies, AppFactory.DemoPassword, applyToExisting: false);
        Assert.True(saved.Succeeded, saved.Error?.Message);
    }

    private async Task<string> InviteAsync(string email)
    {
        var invited = await App.Get<Invitations>().InviteAsync(await App.DemoActorAsync(), email, AppFactory.DemoPassword, "http://dashboard.example");
        Assert.True(invited.Succeeded, invited.Error?.Message);
        var mail = Assert.Single(App.MailsTo(email));
        Assert.Contains("Subject: You are invited to TokenDashboard", mail.Headers);
        return new Uri(InvitationLink().Match(mail.Body).Value).PathAndQuery;
    }

    private async Task<HttpResponseMessage> RegisterAsync(string link, string email, string password = NewPassword) =>
        await App.NewClient().PostFormAsync(link, "register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["Input.Invitation"] = link.Split("invitation=")[1],
        });

    [Fact]
    public async Task An_invitation_link_registers_its_address_once_and_the_account_signs_in_at_once()
    {
        await SetPolicyAsync(new SitePolicies(Registration: RegistrationMode.Invitation));
        var email = NewEmail();
        var link = await InviteAsync(email);

        var registered = await RegisterAsync(link, email);
        var again = await RegisterAsync(link, NewEmail());

        Assert.Equal((HttpStatusCode.Redirect, "/Account/Login"), (registered.StatusCode, registered.RedirectTarget()));
        Assert.Equal(0, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", NewPassword))).Result);
        Assert.Contains(WebUtility.HtmlEncode(Invitations.Refusal), await again.Content.ReadAsStringAsync());
        await using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email && u.EmailConfirmed));
    }

    [Fact]
    public async Task A_wrong_code_and_a_right_code_for_another_address_get_the_same_refusal_and_leave_the_link_usable()
    {
        await SetPolicyAsync(new SitePolicies(Registration: RegistrationMode.Invitation));
        var email = NewEmail();
        var link = await InviteAsync(email);

        var wrongCode = await RegisterAsync(link[..^4] + "AAAA", email);
        var otherAddress = await RegisterAsync(link, NewEmail());
        var right = await RegisterAsync(link, email);

        var refusals = new[] { await wrongCode.Content.ReadAsStringAsync(), await otherAddress.Content.ReadAsStringAsync() };
        Assert.All(refusals, page => Assert.Contains(WebUtility.HtmlEncode(Invitations.Refusal), page));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Fact]
    public async Task By_invitation_the_register_page_without_a_link_and_the_open_form_are_refused()
    {
        await SetPolicyAsync(new SitePolicies(Registration: RegistrationMode.Invitation));
        var email = NewEmail();

        var page = await App.NewClient().GetAsync("/Account/Register");
        var service = await App.Get<Registration>().RegisterAsync(email, NewPassword, "127.0.0.1", "http://dashboard.example");
        var login = await App.NewClient().GetStringAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Registration on this server is by invitation", await page.Content.ReadAsStringAsync());
        Assert.Contains("by invitation", service.Error!.Message);
        Assert.DoesNotContain("Account/Register", login);
        Assert.Empty(App.MailsTo(email));
    }

    [Fact]
    public async Task Closed_registration_refuses_the_page_the_form_and_even_an_invitation()
    {
        await SetPolicyAsync(new SitePolicies(Registration: RegistrationMode.Invitation));
        var email = NewEmail();
        var link = await InviteAsync(email);
        await SetPolicyAsync(new SitePolicies(Registration: RegistrationMode.Closed));

        var page = await App.NewClient().GetAsync("/Account/Register");
        var invited = await App.Get<Registration>().RegisterInvitedAsync(email, NewPassword, link.Split("invitation=")[1], "127.0.0.1");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Registration is closed", await page.Content.ReadAsStringAsync());
        Assert.Contains("closed", invited.Error!.Message);
        await using var db = App.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task With_two_factor_required_an_account_without_it_reaches_only_its_setup_until_it_turns_it_on()
    {
        await SetPolicyAsync(new SitePolicies(RequireTwoFactor: true));
        var user = await fixture.NewUserAsync("my-project");
        var browser = App.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostSignInAsync(user.Email, AppFactory.DemoPassword)).StatusCode);

        var tokens = await browser.GetAsync("/settings/access-tokens");
        var home = await browser.GetAsync("/");
        var setup = await browser.GetAsync("/settings/account");

        Assert.Equal((HttpStatusCode.Redirect, "/settings/account"), (tokens.StatusCode, tokens.RedirectTarget()));
        Assert.Equal((HttpStatusCode.Redirect, "/settings/account"), (home.StatusCode, home.RedirectTarget()));
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains("Your administrators require two-factor sign-in", await setup.Content.ReadAsStringAsync());

        await user.EnableTwoFactorAsync();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/access-tokens")).StatusCode);
        var disable = await App.Get<TwoFactorService>().DisableAsync(user.Actor, AppFactory.DemoPassword, "123456");
        Assert.Contains("administrators require two-factor", disable.Error!.Message);
    }

    [Fact]
    public async Task Without_the_requirement_an_account_without_two_factor_opens_every_page()
    {
        await SetPolicyAsync(SitePolicies.None);
        var user = await fixture.NewUserAsync("my-project");
        var browser = App.NewClient();
        await browser.PostSignInAsync(user.Email, AppFactory.DemoPassword);

        var tokens = await browser.GetAsync("/settings/access-tokens");

        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.DoesNotContain("Your administrators require two-factor sign-in", await tokens.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"https?://\S+/Account/Register\?invitation=\S+")]
    private static partial Regex InvitationLink();
}
