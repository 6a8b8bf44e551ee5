using TokenDashboard.Data;
using TokenDashboard.Accounts.Admin;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenDashboard.Accounts;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// Every parameter of every API method, and the credential itself, fed hostile values: each answer is a clear
/// result code (never 99, never a 500), and a refused call changes nothing.
/// </summary>
public sealed class HostileApiInputTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    /// <summary>One app for the class: each case works with accounts of its own (a fresh one per hostile value).</summary>
    private AppFactory factory => fixture.Factory;

    private static readonly string ThousandIds = string.Join(",", Enumerable.Range(1, 1000));

    public static readonly (string Name, string Value)[] HostileValues =
    [
        ("empty", ""),
        ("whitespace", "   \t "),
        ("10,000 characters", new string('x', 10_000)),
        ("control characters", "a\u0000b\u0007c\u001b"),
        ("RTL and emoji", "\u202Eevil\u202C 😀🔑"),
        ("script", "<script>alert(1)</script>"),
        ("HTML", "<b onmouseover=alert(1)>x</b>"),
        ("SQL", "'; DROP TABLE AspNetUsers; --"),
        ("impossible date dd-mm", "31-02-2026"),
        ("impossible month", "2026-13-01"),
        ("date before today", "2000-01-01"),
        ("unknown method", "environment.Control.Explode"),
        ("duplicate methods", "environment.Control.GetEnvs,environment.control.getenvs"),
        ("negative number", "-1"),
        ("huge number", "99999999999999999999999"),
        ("a thousand ids", ThousandIds),
        ("path traversal", "../../etc/passwd"),
    ];

    public static TheoryData<string, string> MethodParameters()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in ApiCatalog.All)
        {
            foreach (var parameter in method.Parameters)
            {
                data.Add(method.FullName, parameter.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MethodParameters))]
    public async Task Hostile_values_of_a_parameter_get_a_result_code_and_change_nothing_when_refused(string method, string parameter)
    {
        var client = factory.CreateClient();
        // Administrators' methods answer only an administrator: the caller is one for them.
        var administrator = method.StartsWith("admin.", StringComparison.Ordinal);
        var baseline = await NewUserAsync(administrator);
        var valid = await client.PostApiAsync(method, await baseline.Session, ValidParameters(method, baseline));
        Assert.True(valid.Result == 0, $"{method} with valid parameters: {valid}"); // so the hostile cases below mean something

        foreach (var (label, value) in HostileValues)
        {
            var user = await NewUserAsync(administrator);
            var parameters = ValidParameters(method, user).Where(p => p.Name != parameter).Append((parameter, value)).ToArray();
            var session = await user.Session;
            var before = await SnapshotAsync(user);

            var answer = await client.PostApiAsync(method, session, parameters);

            Assert.True(answer.Response.StatusCode == HttpStatusCode.OK, $"{method} {parameter}={label}: HTTP {answer.Response.StatusCode}");
            Assert.True(answer.Result != 99, $"{method} {parameter}={label}: {answer}");
            if (answer.Result != 0)
            {
                Assert.False(string.IsNullOrWhiteSpace(answer.Error), $"{method} {parameter}={label}: no error message");
                Assert.True(before == await SnapshotAsync(user), $"{method} {parameter}={label} was refused ({answer.Result}) but changed something");
            }
        }
    }

    [Theory]
    [InlineData("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tdt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tds_<script>alert(1)</script>")]
    [InlineData("' OR 1=1 --")]
    [InlineData("")]
    public async Task Hostile_credentials_answer_702(string credential)
    {
        var client = factory.CreateClient();

        var query = await client.GetApiAsync("environment.Control.GetEnvs", credential);
        var bearer = await client.BearerApiAsync("environment.Control.GetEnvs", credential.Length == 0 ? " " : credential);

        Assert.Equal(702, query.Result);
        Assert.Equal(702, bearer.Result);
    }

    [Fact]
    public async Task Token_with_a_bad_checksum_or_four_kilobytes_answers_702()
    {
        var client = factory.CreateClient();
        var user = await NewUserAsync();
        var token = (await factory.Get<TokenService>().GenerateAsync(user.Actor, new TokenDraft("t", null, "ide-plugins"), AppFactory.DemoPassword)).Value!.Value;
        var badChecksum = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        Assert.Equal(0, (await client.GetApiAsync("environment.Control.GetEnvs", token)).Result);
        Assert.Equal(702, (await client.GetApiAsync("environment.Control.GetEnvs", badChecksum)).Result);
        Assert.Equal(702, (await client.PostApiAsync("environment.Control.GetEnvs", token + new string('a', 4096))).Result);
    }

    private sealed record HostileUser(Actor Actor, string Email, Task<string> Session, int TokenId, int Uid);

    private async Task<HostileUser> NewUserAsync(bool administrator = false)
    {
        var email = $"hostile-{Guid.NewGuid():N}@example.com";
        var actor = await factory.CreateUserAsync(email);
        int uid;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(actor.UserId))!;
            uid = user.Uid;
            if (administrator)
            {
                Assert.True((await users.AddToRoleAsync(user, AdminRole.Name)).Succeeded);
            }
        }
        var environments = factory.Get<EnvironmentService>();
        await environments.CreateAsync(actor.UserId, "my-project", null);
        await factory.Get<DeploymentService>().DeployAsync(actor.UserId, "my-project", "app.war", null);
        await environments.CreateAsync(actor.UserId, "sleepy", null);
        await environments.SleepAsync(actor.UserId, "sleepy");
        var token = (await factory.Get<TokenService>().GenerateAsync(actor, new TokenDraft("existing", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;
        var session = factory.Get<TokenDashboard.Accounts.ApiSessionStore>().SigninAsync(email, AppFactory.DemoPassword, "127.0.0.1")
            .ContinueWith(t => t.Result.Value!);
        return new HostileUser(actor, email, session, token.Token.Id, uid);
    }

    /// <summary>Values that make each method succeed, so that only the parameter under test is hostile.</summary>
    private static (string Name, string Value)[] ValidParameters(string method, HostileUser user) =>
    [
        ("envName", method switch
        {
            "environment.Control.CreateEnvironment" or "marketplace.App.Install" => "fresh-env",
            "environment.Control.StartEnv" => "sleepy",
            _ => "my-project",
        }),
        ("srcEnvName", "my-project"), ("dstEnvName", "clone-of-my-project"),
        ("displayName", "Display"), ("fileName", "next.war"), ("context", method.EndsWith(".Deploy") ? "api" : "ROOT"),
        ("id", method.StartsWith("marketplace.") ? "wordpress" : user.TokenId.ToString()),
        // SignoutSessions' ids name sessions, not tokens: "*" (every other session) always has something valid to mean.
        ("ids", method == "users.Authentication.SignoutSessions" ? "*" : user.TokenId.ToString()), ("description", "described"), ("tokenTemplate", "IDE Plugins"),
        ("expiresAt", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd")), ("password", AppFactory.DemoPassword),
        ("login", user.Email),
        ("uid", user.Uid.ToString()), ("action", "Unlock"), // admin.Accounts.SetAccount on the caller's own account
        ("tokens", TokenFormat.Generate()), // a leak report of a value that is no one's token
    ];

    /// <summary>Everything of the user's that an API call could change, as one comparable string.</summary>
    private async Task<string> SnapshotAsync(HostileUser user)
    {
        var envs = (await factory.Get<EnvironmentService>().ListAsync(user.Actor.UserId))
            .Select(e => $"{e.Name}|{e.DisplayName}|{e.Status}|{e.Deployments}");
        var tokens = (await factory.Get<TokenService>().ListAsync(user.Actor.UserId))
            .Select(t => $"{t.Id}|{t.Description}|{t.Preset?.Key}|{string.Join(",", t.Methods)}|{t.ExpiresOn}|{t.Hint}");
        var sessions = (await factory.Get<TokenDashboard.Accounts.AccountSessions>().ListAsync(user.Actor.UserId, new(null, null)))
            .Select(s => $"{s.Kind}|{s.Id}");
        return string.Join("\n", envs.Order().Concat(tokens.Order()).Concat(sessions.Order()));
    }

    /// <summary>
    /// Each case starts after the sign-in back-off window of the ones before: their refused sign-ins all came from
    /// this one address, and a shared app would otherwise refuse the next case's valid Signin.
    /// </summary>
    public Task InitializeAsync()
    {
        factory.Clock.Advance(TimeSpan.FromSeconds(factory.Get<IOptions<PasswordConfirmationOptions>>().Value.SignInBackOffSeconds + 1));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
