using TokenDashboard.Api;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>A user's credential can neither see nor touch another user's environments or tokens.</summary>
public sealed class ApiIsolationTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private ApiUser alice = default!;
    private ApiUser bob = default!;
    private string bobsSession = "";

    [Theory]
    [InlineData("environment.Control.GetEnvInfo")]
    [InlineData("environment.Control.StartEnv")]
    [InlineData("environment.Control.StopEnv")]
    [InlineData("environment.Control.SleepEnv")]
    [InlineData("environment.Control.RestartNodes")]
    [InlineData("environment.Control.SetEnvDisplayName")]
    [InlineData("environment.Control.DeleteEnv")]
    [InlineData("environment.Deployment.Deploy")]
    [InlineData("environment.Deployment.GetDeployments")]
    [InlineData("environment.Deployment.Undeploy")]
    public async Task Another_users_environment_answers_11_exactly_like_a_missing_one(string method)
    {
        (string, string)[] Parameters(string envName) =>
            [("envName", envName), ("displayName", "mine now"), ("fileName", "x.war"), ("context", "ROOT"), ("password", AppFactory.DemoPassword)];

        var theirs = await fixture.Client.PostApiAsync(method, bobsSession, Parameters("alice-secret"));
        var missing = await fixture.Client.PostApiAsync(method, bobsSession, Parameters("never-was"));

        Assert.Equal(ResultCodes.EnvironmentNotFound, theirs.Result);
        Assert.Equal(missing.Body.Replace("never-was", "alice-secret"), theirs.Body);
        var env = (await fixture.Factory.Get<TokenDashboard.Platform.EnvironmentService>().GetAsync(alice.UserId, "alice-secret")).Value!;
        Assert.Equal((EnvironmentStatus.Running, "alice-secret", 1), (env.Status, env.DisplayName, env.Deployments));
    }

    [Fact]
    public async Task Clone_of_another_users_environment_answers_11()
    {
        var answer = await fixture.Client.GetApiAsync("environment.Control.CloneEnv", bobsSession, ("srcEnvName", "alice-secret"), ("dstEnvName", "stolen"));

        Assert.Equal(ResultCodes.EnvironmentNotFound, answer.Result);
        Assert.Null(await bob.StatusAsync("stolen"));
    }

    [Fact]
    public async Task GetEnvs_lists_only_the_callers_environments()
    {
        var answer = await fixture.Client.GetApiAsync("environment.Control.GetEnvs", bobsSession);

        Assert.Equal(["bob-env"], answer["envs"].EnumerateArray().Select(e => e.GetProperty("envName").GetString()));
    }

    [Fact]
    public async Task Same_environment_name_for_two_users_is_two_environments()
    {
        var created = await fixture.Client.GetApiAsync("environment.Control.CreateEnvironment", bobsSession, ("envName", "alice-secret"));
        var stop = await fixture.Client.GetApiAsync("environment.Control.StopEnv", bobsSession, ("envName", "alice-secret"));

        Assert.Equal([0, 0], new[] { created.Result, stop.Result });
        Assert.Equal(EnvironmentStatus.Stopped, await bob.StatusAsync("alice-secret"));
        Assert.Equal(EnvironmentStatus.Running, await alice.StatusAsync("alice-secret"));
    }

    [Fact]
    public async Task Another_users_tokens_are_invisible_and_untouchable()
    {
        var alicesToken = await alice.IssueAsync(new TokenDraft("alice's", null, "IDE Plugins"));
        var id = alicesToken.Token.Id.ToString();

        var list = await fixture.Client.GetApiAsync("users.Authentication.GetTokens", bobsSession);
        var edit = await fixture.Client.PostApiAsync("users.Authentication.EditToken", bobsSession, ("id", id), ("description", "bob's"), ("password", AppFactory.DemoPassword));
        var regenerate = await fixture.Client.PostApiAsync("users.Authentication.RegenerateToken", bobsSession, ("id", id), ("password", AppFactory.DemoPassword));
        var delete = await fixture.Client.PostApiAsync("users.Authentication.DeleteTokens", bobsSession, ("ids", id), ("password", AppFactory.DemoPassword));

        Assert.Empty(list["tokens"].EnumerateArray());
        Assert.Equal((4, "id"), (edit.Result, edit.Parameter));
        Assert.Equal((4, "id"), (regenerate.Result, regenerate.Parameter));
        Assert.Equal((4, "ids"), (delete.Result, delete.Parameter));
        Assert.Equal("alice's", (await fixture.Factory.Get<TokenService>().GetAsync(alice.UserId, alicesToken.Token.Id))!.Description);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", alicesToken.Value)).Result);
    }

    [Fact]
    public async Task Token_acts_as_its_owner_only()
    {
        var bobsToken = await bob.TokenAsync();

        var info = await fixture.Client.GetApiAsync("users.Account.GetUserInfo", bobsToken);
        var stop = await fixture.Client.GetApiAsync("environment.Control.StopEnv", bobsToken, ("envName", "alice-secret"));

        Assert.Equal(bob.Email, info["email"].GetString());
        Assert.Equal(ResultCodes.EnvironmentNotFound, stop.Result);
    }

    public async Task InitializeAsync()
    {
        alice = await fixture.NewUserAsync("alice-secret");
        await fixture.Factory.Get<TokenDashboard.Platform.DeploymentService>().DeployAsync(alice.UserId, "alice-secret", "app.war", null);
        bob = await fixture.NewUserAsync("bob-env");
        bobsSession = await bob.SessionAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
