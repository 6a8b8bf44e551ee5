using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// Registration over a real port, as someone who knows only an email address would probe it: a new and a taken
/// address get the same answer (the owner of the taken one is told); an account signs in — form or API Signin — only
/// once the link mailed to its address is opened and answered with the password chosen at registration, so a
/// stranger who registered the address first gains nothing; registering and resending the link back off like sign-in.
/// </summary>
public sealed partial class RegistrationTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>
{
    private const string NewPassword = "New-Password-1!";

    private KestrelAppFactory App => (KestrelAppFactory)fixture.Factory;

    private static string NewEmail() => $"reg-{Guid.NewGuid():N}@example.com";

    /// <summary>Every test starts with the back-off windows of earlier tests (all from 127.0.0.1) passed.</summary>
    private void AfterEarlierTests() => App.Clock.Advance(TimeSpan.FromMinutes(6));

    private async Task<HttpResponseMessage> RegisterAsync(string email, string password = NewPassword) =>
        await App.NewClient().PostFormAsync("/Account/Register", "register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    private string ConfirmationLink(string email)
    {
        var mail = Assert.Single(App.MailsTo(email), m => m.Headers.Contains("Confirm your email address"));
        return LinkPattern().Match(mail.Body).Value;
    }

    private string LatestConfirmationLink(string email) =>
        LinkPattern().Match(App.MailsTo(email).Last(m => m.Headers.Contains("Confirm your email address")).Body).Value;

    /// <summary>Opens a confirmation link in a fresh browser and answers its form with <paramref name="password"/>; the page it shows then.</summary>
    private async Task<string> ConfirmAsync(string link, string password)
    {
        var answer = await App.NewClient().PostFormAsync(new Uri(link).PathAndQuery, "confirm-email", new() { ["Input.Password"] = password });
        return await answer.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_new_and_a_taken_address_get_the_same_answer_and_the_owner_of_the_taken_one_is_told()
    {
        AfterEarlierTests();
        var owner = await fixture.NewUserAsync("my-project");
        var fresh = NewEmail();

        var forNew = await RegisterAsync(fresh);
        var forTaken = await RegisterAsync(owner.Email, "Other-Password-2!");

        Assert.Equal((HttpStatusCode.Redirect, "/Account/RegisterConfirmation"), (forNew.StatusCode, forNew.RedirectTarget()));
        Assert.Equal((HttpStatusCode.Redirect, "/Account/RegisterConfirmation"), (forTaken.StatusCode, forTaken.RedirectTarget()));
        Assert.Equal(forNew.Headers.Select(h => h.Key).Order(), forTaken.Headers.Select(h => h.Key).Order());
        Assert.StartsWith("http://127.0.0.1:", ConfirmationLink(fresh));
        var told = Assert.Single(App.MailsTo(owner.Email));
        Assert.Contains("Subject: Someone tried to register with your address", told.Headers);
        Assert.DoesNotContain("/Account/ConfirmEmail", told.Body);
        // The owner's account is untouched: the old password still opens it, the attacker's does not.
        Assert.Equal(0, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", owner.Email), ("password", AppFactory.DemoPassword))).Result);
        Assert.Equal(20, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", owner.Email), ("password", "Other-Password-2!"))).Result);
        await using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.UserId == owner.UserId && e.Action == AuditAction.RegistrationAttempted));
    }

    [Fact]
    public async Task An_account_signs_in_on_the_form_and_over_the_api_only_once_its_link_is_opened()
    {
        AfterEarlierTests();
        var email = NewEmail();
        await RegisterAsync(email);
        var browser = App.NewClient();

        var form = await browser.PostSignInAsync(email, NewPassword);
        var api = await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", NewPassword));

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Confirm your email address first", await form.Content.ReadAsStringAsync());
        Assert.Equal(32, api.Result);
        Assert.Equal(20, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", "Wrong-Password-9!"))).Result);

        var link = ConfirmationLink(email);
        Assert.Contains("Enter the password you chose", await App.NewClient().GetStringAsync(new Uri(link).PathAndQuery));
        Assert.Contains("your address is confirmed", await ConfirmAsync(link, NewPassword));

        var signedIn = await browser.PostSignInAsync(email, NewPassword);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (signedIn.StatusCode, signedIn.RedirectTarget()));
        Assert.Equal(0, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", NewPassword))).Result);
    }

    [Theory]
    [InlineData("/Account/ConfirmEmail")]
    [InlineData("/Account/ConfirmEmail?userId=nobody&code=abc")]
    [InlineData("/Account/ConfirmEmail?userId=x&code=%%%")]
    [InlineData("/Account/ConfirmEmail?userId=x&code=***")]
    public async Task A_wrong_or_cut_off_link_gets_a_plain_answer_never_an_error_page(string link)
    {
        var answer = await App.NewClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("This link does not confirm an address", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stranger_who_registered_the_address_first_cannot_sign_in_once_its_owner_confirms_it()
    {
        AfterEarlierTests();
        var email = NewEmail();
        const string strangers = "Strangers-Password-3!";
        await RegisterAsync(email, strangers);
        var firstLink = ConfirmationLink(email); // in the owner's inbox, unasked for
        App.Clock.Advance(Registration5Minutes);
        await RegisterAsync(email, NewPassword); // the owner registers: the latest password is the account's

        var withStrangers = await ConfirmAsync(firstLink, strangers);
        Assert.Contains("Wrong password", withStrangers);
        Assert.DoesNotContain("your address is confirmed", withStrangers);
        Assert.Equal(32, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", NewPassword))).Result);
        Assert.Contains("your address is confirmed", await ConfirmAsync(LatestConfirmationLink(email), NewPassword));

        Assert.Equal(20, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", strangers))).Result);
        Assert.Equal(0, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", email), ("password", NewPassword))).Result);
    }

    [Fact]
    public async Task A_link_for_one_account_does_not_confirm_another()
    {
        AfterEarlierTests();
        var (first, second) = (NewEmail(), NewEmail());
        await RegisterAsync(first);
        await RegisterAsync(second);
        var secondId = await App.UserIdAsync(second);

        var forged = Regex.Replace(ConfirmationLink(first), "userId=[^&]+", $"userId={secondId}");
        var answer = await App.NewClient().GetStringAsync(new Uri(forged).PathAndQuery);

        Assert.Contains("This link does not confirm an address", answer);
        Assert.Equal(32, (await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", second), ("password", NewPassword))).Result);
    }

    [Fact]
    public async Task Registering_backs_off_like_sign_in_after_ten_tries_of_one_address_whether_or_not_it_is_taken()
    {
        AfterEarlierTests();
        var taken = (await fixture.NewUserAsync("my-project")).Email;
        var fresh = NewEmail();

        var forTaken = new List<string?>();
        var forNew = new List<string?>();
        for (var i = 0; i < 11; i++)
        {
            forTaken.Add((await RegisterAsync(taken)).Headers.Location?.ToString());
            forNew.Add((await RegisterAsync(fresh)).Headers.Location?.ToString());
        }
        var refused = await (await RegisterAsync(taken)).Content.ReadAsStringAsync();

        Assert.Equal(forTaken, forNew);
        Assert.All(forTaken.Take(10), l => Assert.EndsWith("/Account/RegisterConfirmation", l));
        Assert.Null(forTaken[10]);
        Assert.Contains("Too many attempts for this address", refused);
        // At most one "someone tried" mail an hour, and one confirmation link.
        Assert.Single(App.MailsTo(taken));
        Assert.Single(App.MailsTo(fresh));
    }

    [Fact]
    public async Task The_link_can_be_sent_again_at_most_once_every_five_minutes_with_the_same_answer_for_any_address()
    {
        AfterEarlierTests();
        var email = NewEmail();
        await RegisterAsync(email);
        var confirmed = (await fixture.NewUserAsync("my-project")).Email;

        async Task<string> ResendAsync(string address) =>
            await (await App.NewClient().PostFormAsync("/Account/ResendEmailConfirmation", "resend-confirmation", new() { ["Input.Email"] = address }))
                .Content.ReadAsStringAsync();
        var soon = await ResendAsync(email);
        var unknown = await ResendAsync(NewEmail());
        var forConfirmed = await ResendAsync(confirmed);
        Assert.Single(App.MailsTo(email));
        App.Clock.Advance(Registration5Minutes);
        await ResendAsync(email);

        Assert.Equal(2, App.MailsTo(email).Count);
        Assert.Empty(App.MailsTo(confirmed));
        const string same = "If that address has an account waiting for confirmation, a new link is on its way";
        Assert.All([soon, unknown, forConfirmed], page => Assert.Contains(same, page));
    }

    [Fact]
    public void The_start_up_banner_says_where_mail_files_go()
    {
        Assert.Contains("written as .eml files to", App.Console.ToString());
        Assert.Contains(App.MailFolder, App.Console.ToString());
    }

    private static readonly TimeSpan Registration5Minutes = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex LinkPattern();
}
