using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Api;

/// <summary><c>users.Authentication.GetTokenUsage(id, days)</c>: the details view's figures for scripts.</summary>
public sealed class TokenUsageApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Method = "users.Authentication.GetTokenUsage";

    [Fact]
    public async Task Answers_calls_per_day_and_method_and_the_refused_methods()
    {
        var user = await fixture.NewUserAsync();
        var script = await user.IssueAsync(new TokenDraft("script", null, "Maven Plugin"));
        await fixture.Client.GetApiAsync("environment.Control.GetEnvInfo", script.Value, ("envName", "shop"));
        await fixture.Client.GetApiAsync("environment.Control.GetEnvInfo", script.Value, ("envName", "shop"));
        await fixture.Client.GetApiAsync("environment.Control.StopEnv", script.Value, ("envName", "shop"));
        await fixture.Factory.Get<TokenUseLog>().FlushAsync();
        var reader = await user.TokenAsync("Extended Access");

        var answer = await fixture.Client.GetApiAsync(Method, reader, ("id", script.Token.Id.ToString()), ("days", "7"));

        Assert.Equal(0, answer.Result);
        var usage = answer["usage"];
        Assert.Equal(script.Token.Id, usage.GetProperty("id").GetInt32());
        Assert.Equal(7, usage.GetProperty("days").GetInt32());
        Assert.Equal(2, usage.GetProperty("calls").GetInt64());
        var method = Assert.Single(usage.GetProperty("perMethod").EnumerateArray());
        Assert.Equal("environment.Control.GetEnvInfo", method.GetProperty("name").GetString());
        var refused = Assert.Single(usage.GetProperty("refused").EnumerateArray());
        Assert.Equal(("environment.Control.StopEnv", 1L), (refused.GetProperty("name").GetString(), refused.GetProperty("calls").GetInt64()));
        Assert.Equal(2, usage.GetProperty("perDay").GetArrayLength());
    }

    [Fact]
    public async Task Another_users_token_is_a_bad_id()
    {
        var owner = await fixture.NewUserAsync();
        var stranger = await fixture.NewUserAsync();
        var theirs = await owner.IssueAsync(new TokenDraft("theirs", null, "IDE Plugins"));

        var answer = await fixture.Client.GetApiAsync(Method, await stranger.TokenAsync(), ("id", theirs.Token.Id.ToString()));

        Assert.Equal((4, "id"), (answer.Result, answer.Parameter));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("week")]
    public async Task Days_outside_1_to_90_are_a_bad_parameter(string days)
    {
        var user = await fixture.NewUserAsync();
        var token = await user.IssueAsync(new TokenDraft("t", null, "Extended Access"));

        var answer = await fixture.Client.GetApiAsync(Method, token.Value, ("id", token.Token.Id.ToString()), ("days", days));

        Assert.Equal((4, "days"), (answer.Result, answer.Parameter));
    }

    [Fact]
    public async Task A_token_without_it_is_refused_with_8_and_a_session_may_call_it()
    {
        var user = await fixture.NewUserAsync();
        var ide = await user.IssueAsync(new TokenDraft("ide", null, "IDE Plugins"));

        var refused = await fixture.Client.GetApiAsync(Method, ide.Value, ("id", ide.Token.Id.ToString()));
        var bySession = await fixture.Client.GetApiAsync(Method, await user.SessionAsync(), ("id", ide.Token.Id.ToString()));

        Assert.Equal(8, refused.Result);
        Assert.Equal(0, bySession.Result);
    }
}
