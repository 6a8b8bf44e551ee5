using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Api;

/// <summary>API Signin for an account with two-factor sign-in: refused with 31 (after the password), tokens keep working.</summary>
public sealed class TwoFactorSigninApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private async Task<ApiUser> TwoFactorUserAsync()
    {
        var user = await fixture.NewUserAsync("my-project");
        await user.EnableTwoFactorAsync();
        return user;
    }

    [Fact]
    public async Task Signin_with_the_right_password_is_refused_with_31_and_its_own_message()
    {
        var user = await TwoFactorUserAsync();

        var answer = await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", user.Email), ("password", AppFactory.DemoPassword));

        Assert.Equal(31, answer.Result);
        Assert.Equal("This account uses two-factor sign-in; use an access token.", answer.Error);
        Assert.False(answer.Json.TryGetProperty("session", out _));
    }

    [Fact]
    public async Task Signin_with_a_wrong_password_says_only_wrong_login_or_password()
    {
        var user = await TwoFactorUserAsync();

        var answer = await fixture.Client.PostApiAsync("users.Authentication.Signin", null, ("login", user.Email), ("password", "not the password"));

        Assert.Equal(20, answer.Result);
        Assert.DoesNotContain("two-factor", answer.Body);
    }

    [Fact]
    public async Task The_accounts_tokens_keep_working()
    {
        var user = await TwoFactorUserAsync();
        var token = await user.TokenAsync("IDE Plugins");

        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.StopEnv", token, ("envName", "my-project"))).Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("users.Authentication.GetTokenInfo", token)).Result);
    }
}
