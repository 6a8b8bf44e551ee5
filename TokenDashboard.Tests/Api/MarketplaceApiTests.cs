using TokenDashboard.Api;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>marketplace.App.* and users.Account.GetUserInfo: one success and the main errors of each method.</summary>
public sealed class MarketplaceApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private ApiUser user = default!;
    private string token = "";

    [Fact]
    public async Task GetList_lists_the_marketplace_apps()
    {
        var answer = await fixture.Client.GetApiAsync("marketplace.App.GetList", token);

        var ids = answer["apps"].EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(MarketplaceCatalog.All.Select(a => a.Id), ids);
        Assert.InRange(ids.Count, 4, 8);
    }

    [Fact]
    public async Task GetAppInfo_returns_one_app_and_4_naming_id_for_an_unknown_one()
    {
        var found = await fixture.Client.GetApiAsync("marketplace.App.GetAppInfo", token, ("id", "WordPress"));
        var unknown = await fixture.Client.GetApiAsync("marketplace.App.GetAppInfo", token, ("id", "no-such-app"));
        var missing = await fixture.Client.GetApiAsync("marketplace.App.GetAppInfo", token);

        Assert.Equal("WordPress", found["app"].GetProperty("name").GetString());
        Assert.Equal((4, "id"), (unknown.Result, unknown.Parameter));
        Assert.Equal((4, "id"), (missing.Result, missing.Parameter));
    }

    [Fact]
    public async Task Install_creates_a_running_environment_with_the_app_deployed()
    {
        var answer = await fixture.Client.GetApiAsync("marketplace.App.Install", token, ("id", "gitea"), ("envName", "my-git"));

        Assert.Equal(0, answer.Result);
        Assert.Equal("Gitea", answer["env"].GetProperty("displayName").GetString());
        Assert.Equal("gitea", answer["app"].GetProperty("id").GetString());
        var deployment = Assert.Single((await fixture.Factory.Get<DeploymentService>().ListAsync(user.UserId, "my-git")).Value!);
        Assert.Equal(("ROOT", "gitea-1.22.war"), (deployment.Context, deployment.FileName));
        Assert.Equal(TokenDashboard.Data.EnvironmentStatus.Running, await user.StatusAsync("my-git"));
    }

    [Fact]
    public async Task Install_answers_12_for_a_taken_name_and_4_for_an_unknown_app_or_bad_name()
    {
        var taken = await fixture.Client.GetApiAsync("marketplace.App.Install", token, ("id", "ghost"), ("envName", "shop"));
        var unknown = await fixture.Client.GetApiAsync("marketplace.App.Install", token, ("id", "nope"), ("envName", "blog"));
        var badName = await fixture.Client.GetApiAsync("marketplace.App.Install", token, ("id", "ghost"), ("envName", "Bad Name"));

        Assert.Equal(ResultCodes.EnvironmentExists, taken.Result);
        Assert.Equal((4, "id"), (unknown.Result, unknown.Parameter));
        Assert.Equal((4, "envName"), (badName.Result, badName.Parameter));
        Assert.Equal(3, (await fixture.Factory.Get<EnvironmentService>().ListAsync(user.UserId)).Count);
    }

    [Fact]
    public async Task GetUserInfo_returns_the_token_owners_account()
    {
        var answer = await fixture.Client.GetApiAsync("users.Account.GetUserInfo", token);

        Assert.Equal(user.Email, answer["email"].GetString());
        Assert.True(answer["createdAt"].GetDateTime() > DateTime.MinValue);
    }

    public async Task InitializeAsync()
    {
        user = await fixture.NewUserAsync();
        token = await user.TokenAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
