using TokenDashboard.Api;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// The token lifecycle over the API: EditToken cannot revive an expired value; RegenerateToken takes expiresAt (in
/// any of the platform's forms) and, for an expired token given none, the default lifetime — and says so.
/// </summary>
public sealed class TokenLifecycleApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Password = AppFactory.DemoPassword;

    private DateOnly Today => DateOnly.FromDateTime(fixture.Factory.Clock.GetUtcNow().UtcDateTime);

    /// <summary>A fresh account with a session and one token that expired yesterday.</summary>
    private async Task<(string Session, IssuedToken Stale, ApiUser User)> ExpiredTokenAsync()
    {
        var user = await fixture.NewUserAsync("my-project");
        var stale = await user.IssueAsync(new TokenDraft("stale", Today.AddDays(1), "IDE Plugins"));
        fixture.Factory.Clock.Advance(TimeSpan.FromDays(2));
        var session = await user.SessionAsync();
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", stale.Value)).Result);
        return (session, stale, user);
    }

    private Task<ApiAnswer> CallAsync(string session, string method, params (string, string)[] parameters) =>
        fixture.Client.PostApiAsync("users.Authentication." + method, session, parameters);

    [Theory]
    [InlineData("2099-01-01")]
    [InlineData("2099-01-01 00:00:00")]
    [InlineData("never")]
    public async Task EditToken_with_a_new_expiresAt_on_an_expired_token_answers_4_advising_a_regeneration(string expiresAt)
    {
        var (session, stale, _) = await ExpiredTokenAsync();

        var answer = await CallAsync(session, "EditToken", ("id", stale.Token.Id.ToString()), ("expiresAt", expiresAt), ("password", Password));

        Assert.Equal((4, "expiresAt"), (answer.Result, answer.Parameter));
        Assert.Contains($"Expired on {stale.Token.ExpiresOn:dd-MM-yyyy} — regenerate to use it again", answer.Error);
        Assert.Contains("RegenerateToken", answer.Error);
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", stale.Value)).Result);
    }

    [Fact]
    public async Task EditToken_of_an_expired_token_may_change_its_description_and_methods()
    {
        var (session, stale, _) = await ExpiredTokenAsync();

        var answer = await CallAsync(session, "EditToken", ("id", stale.Token.Id.ToString()), ("description", "renamed"), ("apiList", "env.control.GetEnvs"), ("password", Password));

        Assert.Equal(0, answer.Result);
        Assert.Equal("renamed", answer["token"].GetProperty("description").GetString());
        Assert.Equal("EXPIRED", answer["token"].GetProperty("status").GetString());
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", stale.Value)).Result);
    }

    [Fact]
    public async Task RegenerateToken_of_an_expired_token_without_expiresAt_gives_90_days_says_so_and_works_at_once()
    {
        var (session, stale, _) = await ExpiredTokenAsync();

        var answer = await CallAsync(session, "RegenerateToken", ("ids", stale.Token.Id.ToString()), ("password", Password));

        Assert.Equal(0, answer.Result);
        var token = answer["token"];
        var expected = Today.AddDays(TokenLifetime.DefaultDays).ToString("yyyy-MM-dd");
        Assert.Equal(expected, token.GetProperty("expiresAt").GetString());
        Assert.Contains(expected, answer["notice"].GetString());
        Assert.Contains("default", answer["notice"].GetString());
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", token.GetProperty("key").GetString())).Result);
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", stale.Value)).Result);
    }

    [Fact]
    public async Task RegenerateToken_takes_expiresAt_in_the_platforms_datetime_form()
    {
        var (session, stale, _) = await ExpiredTokenAsync();

        var answer = await CallAsync(session, "RegenerateToken", ("id", stale.Token.Id.ToString()), ("expiresAt", "2099-12-31 00:00:00"), ("password", Password));

        Assert.Equal(0, answer.Result);
        Assert.Equal("2099-12-31", answer["token"].GetProperty("expiresAt").GetString());
        Assert.False(answer.Json.TryGetProperty("notice", out _));
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", answer["token"].GetProperty("key").GetString())).Result);
    }

    [Fact]
    public async Task RegenerateToken_with_a_past_expiresAt_answers_4_and_keeps_the_value()
    {
        var (session, stale, user) = await ExpiredTokenAsync();

        var answer = await CallAsync(session, "RegenerateToken", ("ids", stale.Token.Id.ToString()), ("expiresAt", "2001-01-01"), ("password", Password));

        Assert.Equal((4, "expiresAt"), (answer.Result, answer.Parameter));
        Assert.Equal(stale.Token.Hint, (await fixture.Factory.Get<TokenService>().GetAsync(user.UserId, stale.Token.Id))!.Hint);
    }

    [Fact]
    public async Task RegenerateToken_without_ids_or_id_answers_4_naming_ids()
    {
        var (session, _, _) = await ExpiredTokenAsync();

        var answer = await CallAsync(session, "RegenerateToken", ("password", Password));

        Assert.Equal((ResultCodes.InvalidParameter, "ids"), (answer.Result, answer.Parameter));
    }
}
