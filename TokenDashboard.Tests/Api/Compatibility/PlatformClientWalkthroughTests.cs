using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api.Compatibility;

/// <summary>
/// A script written for the platform, run unchanged against our /1.0/: the token walkthrough, call by call, sent the
/// way the platform's published client sends it (see <see cref="PlatformClient"/>) over a real Kestrel port.
/// </summary>
public sealed class PlatformClientWalkthroughTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>
{
    private const string Password = AppFactory.DemoPassword;

    [Fact]
    public async Task The_token_walkthrough_runs_as_the_platforms_client_sends_it()
    {
        var user = await fixture.NewUserAsync("my-project", "staging");
        await using var client = new PlatformClient(fixture.Server);

        // Signin → a session for the account's own calls.
        var signin = await Expect0(client, "users.Authentication.Signin", ("login", user.Email), ("password", Password));
        client.Session = signin["session"].GetString();

        var info = await Expect0(client, "users.Account.GetUserInfo");
        Assert.Equal(user.Email, info["email"].GetString());

        var templates = await Expect0(client, "users.Authentication.GetTokenTemplates");
        Assert.Contains("IDE Plugins", templates["tokenTemplates"].EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        var apiList = await Expect0(client, "users.Authentication.GetTokenApiList");
        Assert.Contains("environment.Control.StopEnv", apiList["apiList"].EnumerateArray().Select(m => m.GetProperty("name").GetString()));

        // CreateToken with the platform's own datetime form.
        var created = await Expect0(client, "users.Authentication.CreateToken",
            ("description", "IDE"), ("tokenTemplate", "IDE Plugins"), ("expiresAt", "2030-12-31 00:00:00"), ("password", Password));
        var token = created["token"];
        var id = token.GetProperty("id").GetInt32();
        var firstValue = token.GetProperty("key").GetString()!;
        Assert.Equal("2030-12-31", token.GetProperty("expiresAt").GetString());
        Assert.Contains("2030-12-31+00%3A00%3A00", client.LastRequest);

        // StopEnv twice with the new token: a script that re-runs still gets 0.
        await using var tokenClient = new PlatformClient(fixture.Server) { Session = firstValue };
        Assert.Equal("""{"result":0}""", (await Expect0(tokenClient, "environment.Control.StopEnv", ("envName", "my-project"))).Body);
        Assert.Equal("""{"result":0}""", (await Expect0(tokenClient, "environment.Control.StopEnv", ("envName", "my-project"))).Body);

        var env = (await Expect0(tokenClient, "environment.Control.GetEnvInfo", ("envName", "my-project")))["env"];
        Assert.Equal(2, env.GetProperty("status").GetInt32());
        Assert.Equal("STOPPED", env.GetProperty("statusName").GetString());

        var listed = await Expect0(client, "users.Authentication.GetTokens", ("ids", "*"));
        Assert.Contains("ids=%2A", client.LastRequest);
        Assert.Equal([id], listed["tokens"].EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));

        var edited = await Expect0(client, "users.Authentication.EditToken",
            ("id", id.ToString()), ("expiresAt", "2031-06-30 00:00:00"), ("password", Password));
        Assert.Equal("2031-06-30", edited["token"].GetProperty("expiresAt").GetString());

        var regenerated = await Expect0(client, "users.Authentication.RegenerateToken", ("ids", id.ToString()), ("password", Password));
        var secondValue = regenerated["token"].GetProperty("key").GetString()!;
        Assert.Equal(secondValue, Assert.Single(regenerated["tokens"].EnumerateArray()).GetProperty("key").GetString());
        Assert.NotEqual(firstValue, secondValue);
        Assert.Equal("2031-06-30", regenerated["token"].GetProperty("expiresAt").GetString());

        var old = await tokenClient.CallAsync("environment.Control.GetEnvInfo", ("envName", "my-project"));
        Assert.Equal(702, old.Result);
        tokenClient.Session = secondValue;
        await Expect0(tokenClient, "environment.Control.GetEnvInfo", ("envName", "my-project"));

        var deleted = await Expect0(client, "users.Authentication.DeleteTokens", ("ids", "*"), ("password", Password));
        Assert.Equal(1, deleted["removed"].GetInt32());
        Assert.Equal(702, (await tokenClient.CallAsync("environment.Control.GetEnvInfo", ("envName", "my-project"))).Result);
        Assert.Empty(await fixture.Factory.Get<TokenService>().ListAsync(user.UserId));

        await Expect0(client, "users.Authentication.Signout");
        Assert.Equal(702, (await client.CallAsync("users.Account.GetUserInfo")).Result);
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task The_same_calls_as_post_forms_with_a_charset_work_too()
    {
        var user = await fixture.NewUserAsync("my-project");
        await using var client = new PlatformClient(fixture.Server);
        client.Session = (await client.PostAsync("users.Authentication.Signin", ("login", user.Email), ("password", Password)))["session"].GetString();

        var created = await client.PostAsync("users.Authentication.CreateToken",
            ("description", "form"), ("apiList", "env.control.StopEnv,ENV.CONTROL.GETENVINFO"), ("expiresAt", "2030-12-31T00:00:00Z"), ("password", Password));

        Assert.Equal(0, created.Result);
        Assert.Equal(["environment.Control.GetEnvInfo", "environment.Control.StopEnv"],
            created["token"].GetProperty("apiList").EnumerateArray().Select(m => m.GetString()).Order());
        client.Session = created["token"].GetProperty("key").GetString();
        Assert.Equal(0, (await client.PostAsync("environment.Control.StopEnv", ("envName", "my-project"))).Result);
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("my-project"));
    }

    private static async Task<WireAnswer> Expect0(PlatformClient client, string method, params (string, string?)[] parameters)
    {
        var answer = await client.CallAsync(method, parameters);
        Assert.True(answer.StatusCode == 200 && answer.Result == 0, $"{method}: {answer}\nsent: {client.LastRequest}");
        Assert.StartsWith("application/json", answer.Headers["content-type"]);
        return answer;
    }
}
