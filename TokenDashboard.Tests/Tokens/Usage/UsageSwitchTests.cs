using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Tokens.Usage;

/// <summary><c>Usage:Record=false</c> (the benchmark's "off") counts nothing; the calls themselves still work.</summary>
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
        await factory.Get<UsageRecorder>().FlushAsync();

        Assert.Equal(0, answer.Result);
        Assert.Empty((await factory.Get<TokenUsageService>().GetReportAsync(user.UserId, issued.Token.Id))!.Daily);
    }

    public Task InitializeAsync()
    {
        factory.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
