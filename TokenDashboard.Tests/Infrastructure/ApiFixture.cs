using TokenDashboard.Accounts;
using TokenDashboard.Accounts.TwoFactor;
using TokenDashboard.Api;
using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// One started app on its own temp database for a whole test class (DESIGN §8). Tests stay independent by each
/// working as a fresh user of their own (<see cref="NewUserAsync"/>), with its own environments and tokens.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public ApiFixture() : this(new AppFactory())
    {
    }

    /// <summary>xunit builds fixtures through their one public constructor; variants pass their own factory here.</summary>
    protected ApiFixture(AppFactory factory) => Factory = factory;

    public AppFactory Factory { get; }
    public HttpClient Client { get; private set; } = default!;

    public virtual Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    /// <summary>A new account (password <see cref="AppFactory.DemoPassword"/>) with the given environments, all running.</summary>
    public async Task<ApiUser> NewUserAsync(params string[] environments)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var actor = await Factory.CreateUserAsync(email);
        var service = Factory.Get<EnvironmentService>();
        foreach (var name in environments.Length == 0 ? ["my-project", "staging", "shop"] : environments)
        {
            Assert.True((await service.CreateAsync(actor.UserId, name, null)).Succeeded);
        }
        return new ApiUser(Factory, actor, email);
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>The same, on a real Kestrel port, for clients that talk to a socket (<see cref="Server"/>).</summary>
public sealed class KestrelApiFixture() : ApiFixture(new KestrelAppFactory())
{
    public Uri Server { get; private set; } = default!;

    public override Task InitializeAsync()
    {
        Server = ((KestrelAppFactory)Factory).Start();
        return base.InitializeAsync();
    }
}

/// <summary>A test's own account and what it can mint: tokens (through TokenService) and sessions.</summary>
public sealed record ApiUser(AppFactory Factory, Actor Actor, string Email)
{
    public string UserId => Actor.UserId;

    public async Task<IssuedToken> IssueAsync(TokenDraft draft)
    {
        var issued = await Factory.Get<TokenService>().GenerateAsync(Actor, draft, AppFactory.DemoPassword);
        Assert.True(issued.Succeeded, issued.Error?.Message);
        return issued.Value!;
    }

    /// <summary>A token holding a preset (by name or key).</summary>
    public async Task<string> TokenAsync(string preset = "Extended Access", DateOnly? expiresOn = null) =>
        (await IssueAsync(new TokenDraft($"{preset} token", expiresOn, preset))).Value;

    /// <summary>A Custom token holding exactly <paramref name="methods"/>.</summary>
    public async Task<string> CustomTokenAsync(params string[] methods) =>
        (await IssueAsync(new TokenDraft("custom token", null, null, methods))).Value;

    public async Task<string> SessionAsync()
    {
        var session = await Factory.Get<ApiSessionStore>().SigninAsync(Email, AppFactory.DemoPassword, "127.0.0.1");
        Assert.True(session.Succeeded, session.Error?.Message);
        return session.Value!;
    }

    /// <summary>Two-factor on, as the Account tab does it: a new key, its first code and the password.</summary>
    public async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableTwoFactorAsync()
    {
        var twoFactor = Factory.Get<TwoFactorService>();
        var setup = (await twoFactor.BeginSetupAsync(UserId)).Value!;
        var enabled = await twoFactor.EnableAsync(Actor, AppFactory.DemoPassword, Totp.Code(setup.SharedKey, Factory.Now()));
        Assert.True(enabled.Succeeded, enabled.Error?.Message);
        return (setup.SharedKey, enabled.Value!);
    }

    public async Task<EnvironmentStatus?> StatusAsync(string envName) =>
        (await Factory.Get<EnvironmentService>().GetAsync(UserId, envName)).Value?.Status;
}
