using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// A started app with the token services and an account at hand: the class's shared app (<see cref="ApiFixture"/>)
/// with a new account per test, or — without one — an app on a database of the test's own with its demo account,
/// for tests about what the process remembers across accounts.
/// </summary>
public abstract class TokenStoreTest(ApiFixture? shared = null) : IAsyncLifetime
{
    protected const string Password = AppFactory.DemoPassword;

    protected AppFactory Factory { get; } = shared?.Factory ?? new AppFactory();
    protected TokenService Tokens { get; private set; } = default!;
    protected TokenValidator Validator { get; private set; } = default!;

    /// <summary>The acting account (password <see cref="Password"/>, acting from 127.0.0.1).</summary>
    protected Actor Demo { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (shared is null)
        {
            Factory.Started();
            Demo = await Factory.DemoActorAsync();
        }
        else
        {
            Demo = new Actor((await Factory.CreateUserAsync($"store-{Guid.NewGuid():N}@example.com")).UserId, "127.0.0.1");
        }
        Tokens = Factory.Get<TokenService>();
        Validator = Factory.Get<TokenValidator>();
    }

    public async Task DisposeAsync()
    {
        if (shared is null)
        {
            await Factory.DisposeAsync();
        }
    }
}
