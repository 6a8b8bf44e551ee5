using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Api;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// Credentials that must answer 702 and change nothing. One app for the class, a fresh account per test; tests that
/// move the clock only move it forward, past what their own account's tokens and sessions do.
/// </summary>
public sealed class ApiCredentialTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private ApiUser user = default!;
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Missing_credentials_answer_702()
    {
        var answer = await Client.GetApiAsync("environment.Control.StopEnv", session: null, ("envName", "my-project"));

        Assert.Equal(ResultCodes.NotAuthenticated, answer.Result);
        Assert.Contains("Not authenticated", answer.Error);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Every_method_but_signin_and_leak_reports_answers_702_without_credentials()
    {
        var answeredWithoutCredentials = new List<string>();
        foreach (var method in ApiCatalog.All)
        {
            var answer = await Client.PostApiAsync(method.FullName, session: null);
            if (answer.Result != ResultCodes.NotAuthenticated)
            {
                answeredWithoutCredentials.Add(method.FullName);
            }
        }

        Assert.Equal(["users.Authentication.Signin", ApiCatalog.ReportLeakedTokens], answeredWithoutCredentials);
    }

    [Theory]
    [InlineData("tdt_")]
    [InlineData("tdt_short")]
    [InlineData("not-a-token-at-all")]
    [InlineData("tdt_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Malformed_token_answers_702(string credential)
    {
        var answer = await Client.GetApiAsync("environment.Control.StopEnv", credential, ("envName", "my-project"));

        Assert.Equal(ResultCodes.NotAuthenticated, answer.Result);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Token_with_a_bad_checksum_answers_702()
    {
        var token = await user.TokenAsync();
        var last = token[^1];
        var tampered = token[..^1] + (last == 'a' ? 'b' : 'a');

        var answer = await Client.GetApiAsync("environment.Control.StopEnv", tampered, ("envName", "my-project"));

        Assert.Equal(ResultCodes.NotAuthenticated, answer.Result);
        Assert.Contains("malformed", answer.Error);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Well_formed_but_unknown_token_answers_702()
    {
        var answer = await Client.BearerApiAsync("environment.Control.StopEnv", TokenFormat.Generate(), ("envName", "my-project"));

        Assert.Equal(ResultCodes.NotAuthenticated, answer.Result);
        Assert.Contains("unknown", answer.Error);
    }

    [Fact]
    public async Task Token_works_through_its_expiry_day_and_answers_702_the_day_after()
    {
        var today = DateOnly.FromDateTime(fixture.Factory.Clock.GetUtcNow().UtcDateTime);
        var token = await user.TokenAsync(expiresOn: today);

        var lastDay = await Client.GetApiAsync("environment.Control.GetEnvs", token);
        fixture.Factory.Clock.SetUtcNow(new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var dayAfter = await Client.GetApiAsync("environment.Control.StopEnv", token, ("envName", "my-project"));

        Assert.Equal(0, lastDay.Result);
        Assert.Equal(ResultCodes.NotAuthenticated, dayAfter.Result);
        Assert.Contains("expired", dayAfter.Error);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Regenerated_token_old_value_answers_702_and_new_value_works()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));
        var regenerated = await fixture.Factory.Get<TokenService>().RegenerateAsync(user.Actor, issued.Token.Id, AppFactory.DemoPassword);

        var old = await Client.GetApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project"));
        var fresh = await Client.GetApiAsync("environment.Control.GetEnvs", regenerated.Value!.Value);

        Assert.Equal(ResultCodes.NotAuthenticated, old.Result);
        Assert.Equal(0, fresh.Result);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Removed_token_answers_702()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));
        await fixture.Factory.Get<TokenService>().RemoveAsync(user.Actor, [issued.Token.Id], AppFactory.DemoPassword);

        var answer = await Client.BearerApiAsync("environment.Control.StopEnv", issued.Value, ("envName", "my-project"));

        Assert.Equal(ResultCodes.NotAuthenticated, answer.Result);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Signin_session_calls_every_kind_of_method_including_tokens()
    {
        var signin = await Client.PostApiAsync("users.Authentication.Signin", session: null, ("login", user.Email), ("password", AppFactory.DemoPassword));
        var session = signin["session"].GetString()!;

        var stop = await Client.GetApiAsync("environment.Control.StopEnv", session, ("envName", "my-project"));
        var tokens = await Client.BearerApiAsync("users.Authentication.GetTokens", session);
        var user_ = await Client.PostApiAsync("users.Account.GetUserInfo", session);

        Assert.StartsWith(ApiSessionStore.Prefix, session);
        Assert.Equal([0, 0, 0], new[] { stop.Result, tokens.Result, user_.Result });
        Assert.Equal(user.Email, user_["email"].GetString());
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Session_is_stored_only_as_its_hash()
    {
        var session = await user.SessionAsync();

        await using var db = fixture.Factory.Database.CreateContext();
        var stored = await db.ApiSessions.SingleAsync(s => s.UserId == user.UserId);
        Assert.Equal(TokenFormat.Hash(session), stored.SecretHash);
        Assert.DoesNotContain(session, System.Text.Encoding.UTF8.GetString(fixture.Factory.Database.ReadAllBytesAtRest()));
    }

    [Fact]
    public async Task Signout_ends_the_session_at_once()
    {
        var session = await user.SessionAsync();

        var signout = await Client.GetApiAsync("users.Authentication.Signout", session);
        var after = await Client.GetApiAsync("environment.Control.GetEnvs", session);

        Assert.Equal(0, signout.Result);
        Assert.Equal(ResultCodes.NotAuthenticated, after.Result);
    }

    [Fact]
    public async Task Session_expires_after_24_hours_without_use()
    {
        var session = await user.SessionAsync();

        fixture.Factory.Clock.Advance(TimeSpan.FromHours(23));
        var stillAlive = await Client.GetApiAsync("environment.Control.GetEnvs", session);
        fixture.Factory.Clock.Advance(TimeSpan.FromHours(23));
        var keptAliveByUse = await Client.GetApiAsync("environment.Control.GetEnvs", session);
        fixture.Factory.Clock.Advance(TimeSpan.FromHours(24));
        var expired = await Client.GetApiAsync("environment.Control.StopEnv", session, ("envName", "my-project"));

        Assert.Equal(0, stillAlive.Result);
        Assert.Equal(0, keptAliveByUse.Result);
        Assert.Equal(ResultCodes.NotAuthenticated, expired.Result);
        Assert.Contains("expired", expired.Error);
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("my-project"));
    }

    [Fact]
    public async Task Unknown_or_malformed_session_answers_702()
    {
        var unknown = await Client.GetApiAsync("environment.Control.GetEnvs", ApiSessionStore.Prefix + new string('A', ApiSessionStore.RandomLength));
        var malformed = await Client.GetApiAsync("environment.Control.GetEnvs", ApiSessionStore.Prefix + "short");

        Assert.Equal(ResultCodes.NotAuthenticated, unknown.Result);
        Assert.Equal(ResultCodes.NotAuthenticated, malformed.Result);
    }

    [Fact]
    public async Task Signin_with_a_wrong_password_answers_20_and_opens_nothing()
    {
        var sessionsBefore = await SessionCountAsync();
        var answer = await Client.PostApiAsync("users.Authentication.Signin", session: null, ("login", user.Email), ("password", "wrong"));
        var unknownLogin = await Client.PostApiAsync("users.Authentication.Signin", session: null, ("login", "nobody@example.com"), ("password", "wrong"));

        Assert.Equal(ResultCodes.WrongPassword, answer.Result);
        Assert.Equal(ResultCodes.WrongPassword, unknownLogin.Result);
        Assert.Equal(answer.Error, unknownLogin.Error);
        Assert.False(answer.Json.TryGetProperty("session", out _));
        await using var db = fixture.Factory.Database.CreateContext();
        Assert.False(await db.ApiSessions.AnyAsync(s => s.UserId == user.UserId));
        Assert.True(await SessionCountAsync() <= sessionsBefore, "a session was opened (the app is shared: earlier tests' sessions may expire, none may appear)");
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.UserId == user.UserId && e.Action == AuditAction.SignInRejected));
    }

    [Fact]
    public async Task Signin_wrong_passwords_count_toward_lockout_and_then_even_the_right_one_answers_21()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.PostApiAsync("users.Authentication.Signin", session: null, ("login", user.Email), ("password", $"wrong-{i}"));
        }

        var answer = await Client.PostApiAsync("users.Authentication.Signin", session: null, ("login", user.Email), ("password", AppFactory.DemoPassword));

        Assert.Equal(ResultCodes.LockedOut, answer.Result);
        Assert.Contains("locked until", answer.Error);
        // Identity's lockout runs on the real clock (UserManager reads DateTimeOffset.UtcNow), whatever earlier tests
        // of the class did to the app's clock.
        Assert.True(answer["lockedOutUntil"].GetDateTime() > DateTime.UtcNow);
    }

    [Fact]
    public async Task Signin_needs_no_credentials_but_needs_login_and_password()
    {
        var noLogin = await Client.PostApiAsync("users.Authentication.Signin", session: null, ("password", AppFactory.DemoPassword));
        var noPassword = await Client.PostApiAsync("users.Authentication.Signin", session: null, ("login", user.Email));

        Assert.Equal((4, "login"), (noLogin.Result, noLogin.Parameter));
        Assert.Equal((4, "password"), (noPassword.Result, noPassword.Parameter));
    }

    private async Task<int> SessionCountAsync()
    {
        await using var db = fixture.Factory.Database.CreateContext();
        return await db.ApiSessions.CountAsync();
    }

    public async Task InitializeAsync() => user = await fixture.NewUserAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
