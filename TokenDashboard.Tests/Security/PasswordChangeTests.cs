using System.Net;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Security;

public sealed class PasswordChangeTests : IAsyncLifetime
{
    private const string NewPassword = "Brand-New-Password-9!";
    private readonly AppFactory factory = new();

    [Fact]
    public async Task Changing_the_password_ends_api_sessions_at_once_and_other_browsers_within_a_minute()
    {
        var here = factory.CreateBrowserLikeClient();
        var elsewhere = factory.CreateBrowserLikeClient();
        var api = factory.CreateClient();
        await here.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword);
        await elsewhere.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword);
        var signin = await api.PostApiAsync("users.Authentication.Signin", null, ("login", AppFactory.DemoEmail), ("password", AppFactory.DemoPassword));
        var session = signin["session"].GetString()!;
        Assert.Equal(0, (await api.GetApiAsync("environment.Control.GetEnvs", session)).Result);

        var change = await here.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = AppFactory.DemoPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        Assert.Equal(702, (await api.GetApiAsync("environment.Control.GetEnvs", session)).Result);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/settings")).StatusCode);
        var stale = await elsewhere.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/Account/Login", stale.RedirectTarget());
    }

    [Fact]
    public async Task Tokens_keep_working_after_a_password_change()
    {
        var demo = await factory.DemoActorAsync();
        var token = (await factory.Get<TokenService>().GenerateAsync(demo, new TokenDraft("ci", null, "ide-plugins"), AppFactory.DemoPassword)).Value!.Value;
        var here = factory.CreateBrowserLikeClient();
        await here.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword);

        await here.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = AppFactory.DemoPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        // A token is not a session: revoking it is an explicit act (Remove or Regenerate), as on the platform.
        Assert.Equal(0, (await factory.CreateClient().GetApiAsync("environment.Control.GetEnvs", token)).Result);
    }

    public Task InitializeAsync()
    {
        factory.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
