using System.Net;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Accounts;

/// <summary>One app for the class: the demo account signs in; wrong passwords go to an account of the test's own.</summary>
public sealed class SignInTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private AppFactory factory => fixture.Factory;

    private async Task<string> NewAccountAsync()
    {
        var email = $"signin-{Guid.NewGuid():N}@example.com";
        await factory.CreateUserAsync(email);
        return email;
    }

    [Fact]
    public async Task Anonymous_request_for_settings_redirects_to_sign_in_with_return_url()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/settings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.RedirectTarget());
        Assert.Contains("ReturnUrl=%2Fsettings", response.RedirectTarget());
    }

    [Fact]
    public async Task Demo_credentials_sign_in_and_return_to_the_page_asked_for()
    {
        var client = factory.CreateBrowserLikeClient();

        var signIn = await client.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword, returnUrl: "/settings");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/settings", signIn.RedirectTarget());
        var settings = await client.GetAsync("/settings/account");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains("Settings", await settings.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_password_stays_on_the_sign_in_page_with_an_error()
    {
        var client = factory.CreateBrowserLikeClient();
        var email = await NewAccountAsync();

        var signIn = await client.PostSignInAsync(email, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Wrong email or password", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/settings")).StatusCode);
    }

    [Fact]
    public async Task Sixth_attempt_after_five_wrong_passwords_is_refused_even_with_the_right_one()
    {
        var client = factory.CreateBrowserLikeClient();
        var email = await NewAccountAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.PostSignInAsync(email, $"wrong-{i}");
        }

        var sixth = await client.PostSignInAsync(email, AppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, sixth.StatusCode);
        Assert.StartsWith("/Account/Lockout", sixth.RedirectTarget());
        var lockout = await client.GetStringAsync(sixth.RedirectTarget());
        Assert.Contains("locked", lockout);
        Assert.Contains("until", lockout);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/settings")).StatusCode);
    }

    [Fact]
    public async Task Registration_can_be_switched_off()
    {
        await using var closed = new AppFactory();
        closed.Settings["Accounts:AllowRegistration"] = "false";
        var client = closed.CreateBrowserLikeClient();

        var login = await client.GetStringAsync("/Account/Login");
        var register = await client.GetAsync("/Account/Register");

        Assert.DoesNotContain("Account/Register", login);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Contains("Registration is closed", await register.Content.ReadAsStringAsync());
    }
}
