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
    public async Task GetTokens_filters_by_ids_with_commas_or_semicolons_and_star_or_nothing_means_all()
    {
        var (user, client) = await SignedInAsync("my-project");
        var ids = new List<int>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            ids.Add((await user.IssueAsync(new TokenDraft(name, null, "IDE Plugins"))).Token.Id);
        }
        var stranger = await fixture.NewUserAsync("elsewhere");
        var strangers = (await stranger.IssueAsync(new TokenDraft("not yours", null, "IDE Plugins"))).Token.Id;

        async Task<int[]> Listed(string? filter) =>
            (await client.CallAsync("users.Authentication.GetTokens", ("ids", filter)))["tokens"].EnumerateArray()
                .Select(t => t.GetProperty("id").GetInt32()).Order().ToArray();

        Assert.Equal(ids.Order(), await Listed(null));
        Assert.Equal(ids.Order(), await Listed("*"));
        Assert.Equal([ids[0], ids[2]], await Listed($"{ids[0]};{ids[2]}"));
        Assert.Equal([ids[0], ids[1]], await Listed($"{ids[1]}, {ids[0]}"));
        Assert.Equal([ids[1]], await Listed($"{ids[1]};{strangers}"));
        var malformed = await client.CallAsync("users.Authentication.GetTokens", ("ids", "1;two"));
        Assert.Equal((4, "ids"), (malformed.Result, malformed["parameter"].GetString()));
    }

    [Fact]
    public async Task DeleteTokens_takes_semicolons_and_star_removes_only_the_callers_tokens()
    {
        var (user, client) = await SignedInAsync("my-project");
        var a = (await user.IssueAsync(new TokenDraft("a", null, "IDE Plugins"))).Token.Id;
        var b = (await user.IssueAsync(new TokenDraft("b", null, "IDE Plugins"))).Token.Id;
        await user.IssueAsync(new TokenDraft("c", null, "IDE Plugins"));
        var stranger = await fixture.NewUserAsync("elsewhere");
        var kept = await stranger.IssueAsync(new TokenDraft("not yours", null, "IDE Plugins"));

        var two = await client.CallAsync("users.Authentication.DeleteTokens", ("ids", $"{a};{b}"), ("password", Password));
        var all = await client.CallAsync("users.Authentication.DeleteTokens", ("ids", "*"), ("password", Password));
        var none = await client.CallAsync("users.Authentication.DeleteTokens", ("ids", "*"), ("password", Password));

        Assert.Equal((0, 2), (two.Result, two["removed"].GetInt32()));
        Assert.Equal((0, 1), (all.Result, all["removed"].GetInt32()));
        Assert.Equal((0, 0), (none.Result, none["removed"].GetInt32())); // re-run: nothing left, nothing wrong
        Assert.Empty(await Tokens.ListAsync(user.UserId));
        Assert.Equal([kept.Token.Id], (await Tokens.ListAsync(stranger.UserId)).Select(t => t.Id));
    }

    [Fact]
    public async Task DeleteTokens_with_star_still_needs_the_password()
    {
        var (user, client) = await SignedInAsync("my-project");
        await user.IssueAsync(new TokenDraft("a", null, "IDE Plugins"));

        var wrong = await client.CallAsync("users.Authentication.DeleteTokens", ("ids", "*"), ("password", "not-the-password"));

        Assert.Equal(20, wrong.Result);
        Assert.Single(await Tokens.ListAsync(user.UserId));
    }

    [Fact]
    public async Task RegenerateToken_with_several_ids_answers_each_new_value_once_and_every_old_value_dies()
    {
        var (user, client) = await SignedInAsync("my-project");
        var first = await user.IssueAsync(new TokenDraft("first", null, "IDE Plugins"));
        var second = await user.IssueAsync(new TokenDraft("second", null, "IDE Plugins"));
        var untouched = await user.IssueAsync(new TokenDraft("untouched", null, "IDE Plugins"));

        var answer = await client.CallAsync("users.Authentication.RegenerateToken",
            ("ids", $"{first.Token.Id},{second.Token.Id}"), ("password", Password));

        Assert.Equal(0, answer.Result);
        Assert.False(answer.Json.TryGetProperty("token", out _)); // "token" only when one id was asked for
        var regenerated = answer["tokens"].EnumerateArray().ToDictionary(t => t.GetProperty("id").GetInt32(), t => t.GetProperty("key").GetString()!);
        Assert.Equal([first.Token.Id, second.Token.Id], regenerated.Keys.Order());
        var validator = fixture.Factory.Get<TokenValidator>();
        Assert.Null((await validator.ValidateAsync(first.Value)).Token);
        Assert.Null((await validator.ValidateAsync(second.Value)).Token);
        foreach (var value in regenerated.Values)
        {
            Assert.NotNull((await validator.ValidateAsync(value)).Token);
        }
        Assert.NotNull((await validator.ValidateAsync(untouched.Value)).Token);
        Assert.Equal(2, regenerated.Values.Distinct().Count());
    }

    [Fact]
    public async Task RegenerateToken_takes_id_as_an_alias_and_refuses_another_accounts_id_like_a_missing_one()
    {
        var (user, client) = await SignedInAsync("my-project");
        var mine = await user.IssueAsync(new TokenDraft("mine", null, "IDE Plugins"));
        var stranger = await fixture.NewUserAsync("elsewhere");
        var theirs = await stranger.IssueAsync(new TokenDraft("theirs", null, "IDE Plugins"));

        var byId = await client.CallAsync("users.Authentication.RegenerateToken", ("id", mine.Token.Id.ToString()), ("password", Password));
        var foreign = await client.CallAsync("users.Authentication.RegenerateToken", ("ids", $"{mine.Token.Id};{theirs.Token.Id}"), ("password", Password));
        var missing = await client.CallAsync("users.Authentication.RegenerateToken", ("ids", "999999"), ("password", Password));

        Assert.Equal(0, byId.Result);
        Assert.Equal(mine.Token.Id, byId["token"].GetProperty("id").GetInt32());
        Assert.Equal((4, "ids"), (foreign.Result, foreign["parameter"].GetString()));
        Assert.Equal((4, "ids"), (missing.Result, missing["parameter"].GetString()));
        Assert.Equal(foreign.Error!.Replace(theirs.Token.Id.ToString(), "N"), missing.Error!.Replace("999999", "N"));
        Assert.NotNull((await fixture.Factory.Get<TokenValidator>().ValidateAsync(theirs.Value)).Token);
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
