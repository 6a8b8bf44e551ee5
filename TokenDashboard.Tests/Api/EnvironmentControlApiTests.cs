using TokenDashboard.Api;
using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>environment.Control.*: one success and the main errors of each method.</summary>
public sealed class EnvironmentControlApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private ApiUser user = default!;
    private string token = "";

    private Task<ApiAnswer> CallAsync(string method, params (string, string)[] parameters) =>
        fixture.Client.PostApiAsync("environment.Control." + method, token, parameters);

    [Fact]
    public async Task GetEnvs_lists_the_users_environments_with_their_status()
    {
        await CallAsync("SleepEnv", ("envName", "shop"));

        var answer = await CallAsync("GetEnvs");

        var envs = answer["envs"].EnumerateArray().ToList();
        Assert.Equal(["my-project", "shop", "staging"], envs.Select(e => e.GetProperty("envName").GetString()));
        Assert.Equal([1, 4, 1], envs.Select(e => e.GetProperty("status").GetInt32()));
        Assert.Equal(["RUNNING", "SLEEPING", "RUNNING"], envs.Select(e => e.GetProperty("statusName").GetString()));
        Assert.Equal("shop", envs[1].GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task GetEnvInfo_returns_one_environment_and_11_for_a_missing_one()
    {
        var found = await CallAsync("GetEnvInfo", ("envName", "My-Project"));
        var missing = await CallAsync("GetEnvInfo", ("envName", "nowhere"));
        var noName = await CallAsync("GetEnvInfo");

        Assert.Equal("my-project", found["env"].GetProperty("envName").GetString());
        Assert.Equal(1, found["env"].GetProperty("status").GetInt32());
        Assert.Equal("RUNNING", found["env"].GetProperty("statusName").GetString());
        Assert.Equal(ResultCodes.EnvironmentNotFound, missing.Result);
        Assert.Equal("There is no environment named 'nowhere'.", missing.Error);
        Assert.Equal((4, "envName"), (noName.Result, noName.Parameter));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("has space")]
    [InlineData("under_score")]
    [InlineData("émile")]
    [InlineData("a23456789012345678901234567890123456789012")]
    public async Task CreateEnvironment_refuses_a_malformed_name_with_4(string name)
    {
        var answer = await CallAsync("CreateEnvironment", ("envName", name));

        Assert.Equal((4, "envName"), (answer.Result, answer.Parameter));
        Assert.Contains("envName", answer.Error);
        Assert.Equal(3, (await fixture.Factory.Get<EnvironmentService>().ListAsync(user.UserId)).Count);
    }

    [Fact]
    public async Task CreateEnvironment_creates_a_running_environment_and_refuses_a_taken_name_with_12()
    {
        var created = await CallAsync("CreateEnvironment", ("envName", "new-env"), ("displayName", "New one"));
        var again = await CallAsync("CreateEnvironment", ("envName", "NEW-ENV"));

        Assert.Equal(0, created.Result);
        Assert.Equal("New one", created["env"].GetProperty("displayName").GetString());
        Assert.Equal((1, "RUNNING"), (created["env"].GetProperty("status").GetInt32(), created["env"].GetProperty("statusName").GetString()));
        Assert.Equal(ResultCodes.EnvironmentExists, again.Result);
        Assert.Equal(4, (await fixture.Factory.Get<EnvironmentService>().ListAsync(user.UserId)).Count);
    }

    [Fact]
    public async Task StopEnv_StartEnv_and_SleepEnv_move_the_status()
    {
        var stop = await CallAsync("StopEnv", ("envName", "my-project"));
        var stopped = await user.StatusAsync("my-project");
        var start = await CallAsync("StartEnv", ("envName", "my-project"));
        var started = await user.StatusAsync("my-project");
        var sleep = await CallAsync("SleepEnv", ("envName", "my-project"));

        Assert.Equal([0, 0, 0], new[] { stop.Result, start.Result, sleep.Result });
        Assert.Equal(EnvironmentStatus.Stopped, stopped);
        Assert.Equal(EnvironmentStatus.Running, started);
        Assert.Equal(EnvironmentStatus.Sleeping, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Status_changes_that_already_hold_answer_0_and_change_nothing()
    {
        await CallAsync("StopEnv", ("envName", "shop"));
        await CallAsync("SleepEnv", ("envName", "staging"));

        var startRunning = await CallAsync("StartEnv", ("envName", "my-project"));
        var stopStopped = await CallAsync("StopEnv", ("envName", "shop"));
        var sleepSleeping = await CallAsync("SleepEnv", ("envName", "staging"));

        Assert.All([startRunning, stopStopped, sleepSleeping], a => Assert.Equal("""{"result":0}""", a.Body));
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("shop"));
        Assert.Equal(EnvironmentStatus.Sleeping, await user.StatusAsync("staging"));
    }

    [Fact]
    public async Task Sleeping_a_stopped_environment_answers_13()
    {
        await CallAsync("StopEnv", ("envName", "shop"));

        var sleepStopped = await CallAsync("SleepEnv", ("envName", "shop"));

        Assert.Equal(ResultCodes.InvalidState, sleepStopped.Result);
        Assert.Equal("'shop' is stopped; only a running environment can be put to sleep.", sleepStopped.Error);
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("shop"));
    }

    [Fact]
    public async Task Status_change_of_a_missing_environment_answers_11()
    {
        foreach (var method in new[] { "StartEnv", "StopEnv", "SleepEnv", "RestartNodes", "SetEnvDisplayName" })
        {
            var answer = await CallAsync(method, ("envName", "ghost-town"), ("displayName", "x"));
            Assert.True(answer.Result == ResultCodes.EnvironmentNotFound, $"{method}: {answer}");
        }
    }

    [Fact]
    public async Task RestartNodes_restarts_a_running_environment_and_refuses_a_stopped_one_with_13()
    {
        await CallAsync("StopEnv", ("envName", "shop"));

        var running = await CallAsync("RestartNodes", ("envName", "my-project"));
        var stopped = await CallAsync("RestartNodes", ("envName", "shop"));

        Assert.Equal(0, running.Result);
        Assert.Equal(ResultCodes.InvalidState, stopped.Result);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task CloneEnv_copies_deployments_under_a_new_name()
    {
        await fixture.Client.PostApiAsync("environment.Deployment.Deploy", token, ("envName", "my-project"), ("fileName", "app.war"));

        var clone = await CallAsync("CloneEnv", ("srcEnvName", "my-project"), ("dstEnvName", "my-project-copy"));

        Assert.Equal(0, clone.Result);
        Assert.Equal("my-project-copy", clone["env"].GetProperty("envName").GetString());
        Assert.Equal("app.war", Assert.Single(clone["env"].GetProperty("contexts").EnumerateArray()).GetProperty("archivename").GetString());
        var deployments = await fixture.Factory.Get<DeploymentService>().ListAsync(user.UserId, "my-project-copy");
        Assert.Equal("app.war", Assert.Single(deployments.Value!).FileName);
    }

    [Fact]
    public async Task CloneEnv_answers_11_for_a_missing_source_12_for_a_taken_name_and_4_without_a_name()
    {
        var missing = await CallAsync("CloneEnv", ("srcEnvName", "nowhere"), ("dstEnvName", "copy"));
        var taken = await CallAsync("CloneEnv", ("srcEnvName", "my-project"), ("dstEnvName", "shop"));
        var noName = await CallAsync("CloneEnv", ("srcEnvName", "my-project"));

        Assert.Equal(ResultCodes.EnvironmentNotFound, missing.Result);
        Assert.Equal(ResultCodes.EnvironmentExists, taken.Result);
        Assert.Equal((4, "dstEnvName"), (noName.Result, noName.Parameter));
        Assert.Equal(3, (await fixture.Factory.Get<EnvironmentService>().ListAsync(user.UserId)).Count);
    }

    [Fact]
    public async Task SetEnvDisplayName_renames_and_refuses_an_overlong_name_with_4()
    {
        var renamed = await CallAsync("SetEnvDisplayName", ("envName", "shop"), ("displayName", "  The Shop  "));
        var tooLong = await CallAsync("SetEnvDisplayName", ("envName", "shop"), ("displayName", new string('x', 101)));
        var missing = await CallAsync("SetEnvDisplayName", ("envName", "shop"));

        Assert.Equal(0, renamed.Result);
        Assert.Equal((4, "displayName"), (tooLong.Result, tooLong.Parameter));
        Assert.Equal((4, "displayName"), (missing.Result, missing.Parameter));
        Assert.Equal("The Shop", (await fixture.Factory.Get<EnvironmentService>().GetAsync(user.UserId, "shop")).Value!.DisplayName);
    }

    [Fact]
    public async Task DeleteEnv_with_the_password_deletes_the_environment()
    {
        var deleted = await CallAsync("DeleteEnv", ("envName", "staging"), ("password", AppFactory.DemoPassword));
        var again = await CallAsync("DeleteEnv", ("envName", "staging"), ("password", AppFactory.DemoPassword));

        Assert.Equal(0, deleted.Result);
        Assert.Equal(ResultCodes.EnvironmentNotFound, again.Result);
        Assert.Null(await user.StatusAsync("staging"));
    }

    [Fact]
    public async Task DeleteEnv_with_a_wrong_password_answers_20_and_deletes_nothing()
    {
        var wrong = await CallAsync("DeleteEnv", ("envName", "staging"), ("password", "not-it"));
        var missing = await CallAsync("DeleteEnv", ("envName", "staging"));

        Assert.Equal(ResultCodes.WrongPassword, wrong.Result);
        Assert.Contains("Nothing was changed", wrong.Error);
        Assert.Equal((4, "password"), (missing.Result, missing.Parameter));
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("staging"));
    }

    [Fact]
    public async Task DeleteEnv_after_five_wrong_passwords_answers_21_even_with_the_right_one()
    {
        for (var i = 0; i < 5; i++)
        {
            await CallAsync("DeleteEnv", ("envName", "staging"), ("password", $"wrong-{i}"));
        }

        var locked = await CallAsync("DeleteEnv", ("envName", "staging"), ("password", AppFactory.DemoPassword));

        Assert.Equal(ResultCodes.LockedOut, locked.Result);
        Assert.Contains("locked until", locked.Error);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("staging"));
    }

    public async Task InitializeAsync()
    {
        user = await fixture.NewUserAsync();
        token = await user.TokenAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
