using TokenDashboard.Api;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

public sealed class ApiPermissionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Client => fixture.Client;

    /// <summary>Plausible parameters for any method, so a refusal cannot be blamed on missing input.</summary>
    private static (string, string)[] ParametersFor(ApiMethod method) =>
    [
        ("envName", method.FullName == "environment.Control.CreateEnvironment" ? "brand-new" : "my-project"),
        ("srcEnvName", "my-project"), ("dstEnvName", "the-clone"), ("displayName", "Renamed"), ("fileName", "app.war"),
        ("context", "ROOT"), ("id", method.Group == "marketplace.App" ? "wordpress" : "1"), ("ids", "1"),
        ("description", "x"), ("tokenTemplate", "IDE Plugins"), ("password", AppFactory.DemoPassword),
    ];

    public static TheoryData<string> PresetNames => new(ApiCatalog.Presets.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PresetNames))]
    public async Task Preset_token_is_refused_every_method_outside_its_set_and_nothing_changes(string presetName)
    {
        var user = await fixture.NewUserAsync();
        var preset = ApiCatalog.FindPreset(presetName)!;
        var token = await user.TokenAsync(presetName);
        var outside = ApiCatalog.All.Where(m => !preset.Methods.Contains(m.FullName) && !m.Anonymous && !m.AlwaysAllowed).ToList();
        Assert.NotEmpty(outside);

        foreach (var method in outside)
        {
            var answer = await Client.PostApiAsync(method.FullName, token, ParametersFor(method));
            Assert.True(answer.Result == ResultCodes.PermissionDenied, $"{method.FullName}: {answer}");
            Assert.Contains(method.FullName, answer.Error);
        }

        var environments = await fixture.Factory.Get<EnvironmentService>().ListAsync(user.UserId);
        Assert.Equal(["my-project", "shop", "staging"], environments.Select(e => e.Name));
        Assert.All(environments, e => Assert.Equal(TokenDashboard.Data.EnvironmentStatus.Running, e.Status));
        Assert.Equal(["my-project", "shop", "staging"], environments.Where(e => e.DisplayName == e.Name).Select(e => e.Name));
        Assert.Single(await fixture.Factory.Get<TokenService>().ListAsync(user.UserId));
    }

    [Theory]
    [MemberData(nameof(PresetNames))]
    public async Task Preset_token_may_call_every_method_in_its_set(string presetName)
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync(presetName);

        foreach (var method in ApiCatalog.FindPreset(presetName)!.Methods)
        {
            // Without parameters: the call gets past the permission check and stops at parameters (4) or succeeds.
            var answer = await Client.GetApiAsync(method, token);
            Assert.True(answer.Result is 0 or ResultCodes.InvalidParameter, $"{method}: {answer}");
        }
    }

    [Fact]
    public async Task Custom_token_may_call_exactly_its_methods()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.CustomTokenAsync("environment.Control.GetEnvs", "environment.Control.StopEnv");

        var list = await Client.GetApiAsync("environment.Control.GetEnvs", token);
        var stop = await Client.GetApiAsync("environment.Control.StopEnv", token, ("envName", "my-project"));
        var start = await Client.GetApiAsync("environment.Control.StartEnv", token, ("envName", "my-project"));
        var info = await Client.GetApiAsync("environment.Control.GetEnvInfo", token, ("envName", "my-project"));

        Assert.Equal([0, 0, 8, 8], new[] { list.Result, stop.Result, start.Result, info.Result });
        Assert.Equal(TokenDashboard.Data.EnvironmentStatus.Stopped, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Token_cannot_sign_out_because_no_token_holds_signout()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var answer = await Client.GetApiAsync("users.Authentication.Signout", token);

        Assert.Equal(ResultCodes.PermissionDenied, answer.Result);
        Assert.Equal(0, (await Client.GetApiAsync("environment.Control.GetEnvs", token)).Result);
    }

    [Fact]
    public async Task Session_may_call_every_method()
    {
        var user = await fixture.NewUserAsync();
        var session = await user.SessionAsync();

        // GetTokenInfo and RevokeToken act on the presenting token; a session is none (TokenSelfServiceApiTests).
        // The admin methods are an administrator's only (AdminAccessTests).
        foreach (var method in ApiCatalog.All.Where(m => m.FullName is not ("users.Authentication.Signin" or "users.Authentication.Signout") && !m.AlwaysAllowed && !m.Administrative))
        {
            var answer = await Client.GetApiAsync(method.FullName, session);
            Assert.True(answer.Result is 0 or ResultCodes.InvalidParameter, $"{method.FullName}: {answer}");
        }
    }
}
