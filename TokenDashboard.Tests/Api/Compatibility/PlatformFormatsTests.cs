using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api.Compatibility;

/// <summary>
/// Each format the platform documents and its clients send, sent as they send it (<see cref="PlatformClient"/>) over
/// a real Kestrel port: dates with a time, id lists with ',' ';' and '*', numeric environment status, method names
/// in the platform's spelling, re-run state changes, parameters we do not know, and verbs we do not serve.
/// </summary>
public sealed class PlatformFormatsTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>, IAsyncLifetime
{
    private const string Password = AppFactory.DemoPassword;
    private readonly List<PlatformClient> clients = [];

    private TokenService Tokens => fixture.Factory.Get<TokenService>();

    private async Task<(ApiUser User, PlatformClient Client)> SignedInAsync(params string[] environments)
    {
        var user = await fixture.NewUserAsync(environments);
        var client = new PlatformClient(fixture.Server) { Session = await user.SessionAsync() };
        clients.Add(client);
        return (user, client);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("2030-12-31")]
    [InlineData("2030-12-31 00:00:00")]
    [InlineData("2030-12-31 23:59:59")]
    [InlineData("2030-12-31T00:00:00")]
    [InlineData("2030-12-31T00:00:00Z")]
    [InlineData("2030-12-31T12:30Z")]
    [InlineData("2030-12-31T23:59:59.999Z")]
    [InlineData("2030-12-31T00:00:00+00:00")]
    [InlineData("2031-01-01T01:00:00+02:00")] // 23:00 UTC on the 31st
    [InlineData(" 2030-12-31 00:00:00 ")]
    public async Task ExpiresAt_in_each_documented_form_means_valid_through_that_UTC_day(string expiresAt)
    {
        var (_, client) = await SignedInAsync("my-project");

        var created = await client.CallAsync("users.Authentication.CreateToken",
            ("description", "dated"), ("tokenTemplate", "IDE Plugins"), ("expiresAt", expiresAt), ("password", Password));

        Assert.True(created.Result == 0, created.ToString());
        Assert.Equal("2030-12-31", created["token"].GetProperty("expiresAt").GetString());
    }

    [Theory]
    [InlineData("31-12-2030")]
    [InlineData("2030/12/31")]
    [InlineData("2030-12-31 25:00:00")]
    [InlineData("2030-12-31 00:00")]
    [InlineData("2030-02-30")]
    [InlineData("20301231")]
    [InlineData("tomorrow")]
    [InlineData("1924905600")]
    public async Task ExpiresAt_in_any_other_form_answers_4_naming_it_and_showing_the_accepted_forms(string expiresAt)
    {
        var (user, client) = await SignedInAsync("my-project");

        var created = await client.CallAsync("users.Authentication.CreateToken",
            ("description", "dated"), ("tokenTemplate", "IDE Plugins"), ("expiresAt", expiresAt), ("password", Password));

        Assert.Equal(4, created.Result);
        Assert.Equal("expiresAt", created["parameter"].GetString());
        Assert.Contains("yyyy-MM-dd HH:mm:ss", created.Error);
        Assert.Contains("yyyy-MM-dd (", created.Error);
        Assert.Contains("ISO 8601", created.Error);
        Assert.Empty(await Tokens.ListAsync(user.UserId));
    }

    [Fact]
    public async Task Environment_status_is_the_platforms_number_with_its_name_in_every_answer_that_shows_an_environment()
    {
        var (_, client) = await SignedInAsync("my-project", "sleepy", "halted");
        await client.CallAsync("environment.Control.SleepEnv", ("envName", "sleepy"));
        await client.CallAsync("environment.Control.StopEnv", ("envName", "halted"));

        var envs = (await client.CallAsync("environment.Control.GetEnvs"))["envs"].EnumerateArray()
            .ToDictionary(e => e.GetProperty("envName").GetString()!, e => (e.GetProperty("status").GetInt32(), e.GetProperty("statusName").GetString()));
        var info = (await client.CallAsync("environment.Control.GetEnvInfo", ("envName", "halted")))["env"];
        var created = (await client.CallAsync("environment.Control.CreateEnvironment", ("envName", "fresh")))["env"];
        var cloned = (await client.CallAsync("environment.Control.CloneEnv", ("srcEnvName", "halted"), ("dstEnvName", "copy")))["env"];
        var installed = (await client.CallAsync("marketplace.App.Install", ("id", "wordpress"), ("envName", "blog")))["env"];

        Assert.Equal((1, "RUNNING"), envs["my-project"]);
        Assert.Equal((4, "SLEEPING"), envs["sleepy"]);
        Assert.Equal((2, "STOPPED"), envs["halted"]);
        Assert.Equal((2, "STOPPED"), (info.GetProperty("status").GetInt32(), info.GetProperty("statusName").GetString()));
        Assert.All([created, cloned, installed], e => Assert.Equal((1, "RUNNING"), (e.GetProperty("status").GetInt32(), e.GetProperty("statusName").GetString())));
    }

    [Theory]
    [InlineData("StartEnv", EnvironmentStatus.Running)]
    [InlineData("StopEnv", EnvironmentStatus.Stopped)]
    [InlineData("SleepEnv", EnvironmentStatus.Sleeping)]
    public async Task A_state_change_that_already_holds_answers_0_and_tells_no_one(string method, EnvironmentStatus status)
    {
        var (user, client) = await SignedInAsync("target");
        await client.CallAsync("environment.Control." + method, ("envName", "target"));
        var heard = 0;
        using var subscription = fixture.Factory.Get<EnvironmentNotifier>().Subscribe(user.UserId, _ => Interlocked.Increment(ref heard));

        var again = await client.CallAsync("environment.Control." + method, ("envName", "target"));

        Assert.Equal("""{"result":0}""", again.Body);
        Assert.Equal(status, await user.StatusAsync("target"));
        Assert.Equal(0, heard);
    }

    [Fact]
    public async Task Parameters_a_method_does_not_know_are_ignored()
    {
        var (_, client) = await SignedInAsync("my-project");

        // The client adds appid and ruk to every call; scripts add their own leftovers.
        var plain = await client.CallAsync("environment.Control.GetEnvInfo", ("envName", "my-project"));
        var extra = await client.CallAsync("environment.Control.GetEnvInfo", ("envName", "my-project"), ("lang", "en"), ("charset", "UTF-8"), ("x", "<b>"));
        var stop = await client.CallAsync("environment.Control.StopEnv", ("envName", "my-project"), ("appid", "1dd8d191d38fff45e62564fcf67fdcd6"), ("ruk", "not-a-uuid"));

        Assert.Contains("appid=1dd8d191d38fff45e62564fcf67fdcd6", client.LastRequest);
        Assert.Contains("ruk=not-a-uuid", client.LastRequest);
        Assert.Equal(0, plain.Result);
        Assert.Equal(plain.Body, extra.Body);
        Assert.Equal("""{"result":0}""", stop.Body);
    }

    [Theory]
    [InlineData("PUT", "/1.0/environment/control/rest/stopenv?envName=my-project")]
    [InlineData("DELETE", "/1.0/environment/control/rest/stopenv?envName=my-project")]
    [InlineData("PATCH", "/1.0/environment/control/rest/stopenv?envName=my-project")]
    [InlineData("OPTIONS", "/1.0/environment/control/rest/stopenv?envName=my-project")]
    [InlineData("PUT", "/1.0/no/such/rest/thing")]
    [InlineData("DELETE", "/1.0/")]
    public async Task Other_verbs_answer_json_with_a_result_code_and_run_nothing(string verb, string target)
    {
        var (user, client) = await SignedInAsync("my-project");

        var answer = await client.SendRawAsync(verb, $"{target}{(target.Contains('?') ? "&" : "?")}session={client.Session}");

        Assert.Equal(200, answer.StatusCode);
        Assert.StartsWith("application/json", answer.Headers["content-type"]);
        Assert.Equal(6, answer.Result);
        Assert.Contains(verb, answer.Error);
        Assert.Equal("GET, POST", answer.Headers["allow"]);
        Assert.Equal("no-store", answer.Headers["cache-control"]);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Head_gets_the_headers_of_a_json_answer_and_runs_nothing()
    {
        var (user, client) = await SignedInAsync("my-project");

        var answer = await client.SendRawAsync("HEAD", $"/1.0/environment/control/rest/stopenv?envName=my-project&session={client.Session}");

        Assert.Equal(200, answer.StatusCode);
        Assert.StartsWith("application/json", answer.Headers["content-type"]);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
        // The connection is still usable: the next call gets its own answer.
        Assert.Equal(0, (await client.CallAsync("environment.Control.GetEnvInfo", ("envName", "my-project"))).Result);
    }
}
