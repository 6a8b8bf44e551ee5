using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Accounts.Admin;

/// <summary>
/// One app on a real port for a test class of the admin area: the demo account is its configured administrator
/// (appsettings.json), and <see cref="LateAdminEmail"/> is configured too but has no account until a test makes it.
/// </summary>
public sealed class AdminAppFixture : IAsyncLifetime
{
    public const string LateAdminEmail = "late-admin@example.com";

    public KestrelAppFactory App { get; } = new()
    {
        Settings =
        {
            ["Admin:Emails:0"] = AppFactory.DemoEmail,
            ["Admin:Emails:1"] = LateAdminEmail,
        },
    };

    public Task InitializeAsync()
    {
        App.Start();
        return Task.CompletedTask;
    }

    /// <summary>A fresh account of its own (password <see cref="AppFactory.DemoPassword"/>), not an administrator.</summary>
    public async Task<ApiUser> NewUserAsync()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        return new ApiUser(App, await App.CreateUserAsync(email), email);
    }

    /// <summary>The demo account, the configured administrator.</summary>
    public async Task<ApiUser> AdministratorAsync() => new(App, await App.DemoActorAsync(), AppFactory.DemoEmail);

    /// <summary>A browser-like client signed in as <paramref name="email"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = App.NewClient();
        var signin = await browser.PostSignInAsync(email, AppFactory.DemoPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signin.StatusCode);
        return browser;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
