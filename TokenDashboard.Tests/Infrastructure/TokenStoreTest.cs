using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>A started app on its own temp database, with the token services and the demo account at hand.</summary>
public abstract class TokenStoreTest : IAsyncLifetime
{
    protected const string Password = AppFactory.DemoPassword;

    protected AppFactory Factory { get; } = new();
    protected TokenService Tokens { get; private set; } = default!;
    protected TokenValidator Validator { get; private set; } = default!;
    protected Actor Demo { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Factory.Started();
        Tokens = Factory.Get<TokenService>();
        Validator = Factory.Get<TokenValidator>();
        Demo = await Factory.DemoActorAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
