using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Tokens.Usage;

/// <summary><c>Usage:Record=false</c> (the benchmark's "off") records nothing, counts nor last use; the calls themselves still work.</summary>
public sealed class UsageSwitchTests : IAsyncLifetime
{
    private readonly AppFactory factory = new() { Settings = { ["Usage:Record"] = "false" } };

    [Fact]
    public async Task Recording_can_be_switched_off()
    {
        var user = new ApiUser(factory, await factory.DemoActorAsync(), AppFactory.DemoEmail);
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));
        using var client = factory.CreateClient();

        var answer = await client.GetApiAsync("environment.Control.GetEnvs", issued.Value);
        await factory.Get<TokenUseLog>().FlushAsync();

        Assert.Equal(0, answer.Result);
        Assert.Empty((await factory.Get<TokenUsageService>().GetReportAsync(user.UserId, issued.Token.Id))!.Daily);
        Assert.Null(Assert.Single(await factory.Get<TokenService>().ListAsync(user.UserId), t => t.Id == issued.Token.Id).LastUsedAt);
    }

    public Task InitializeAsync()
    {
        factory.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
