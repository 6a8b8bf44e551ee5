using TokenDashboard.Accounts;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Api;

/// <summary>users.Authentication.GetSessions and SignoutSessions: browser and API sessions, the calling one marked.</summary>
public sealed class SessionApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task GetSessions_lists_browser_and_api_sessions_and_marks_the_calling_one()
    {
        var user = await fixture.NewUserAsync("my-project");
        var browser = await fixture.Factory.Get<BrowserSessions>().StartAsync(user.UserId, "198.51.100.4", "Mozilla/5.0 (X11; Linux) Firefox/130.0");
        var first = await user.SessionAsync();
        var second = await user.SessionAsync();

        var answer = await fixture.Client.GetApiAsync("users.Authentication.GetSessions", second);

        Assert.Equal(0, answer.Result);
        var sessions = answer["sessions"].EnumerateArray().ToList();
        Assert.Equal(3, sessions.Count);
        var web = Assert.Single(sessions, s => s.GetProperty("kind").GetString() == "BROWSER");
        Assert.Equal(browser, web.GetProperty("id").GetString());
        Assert.Equal("198.51.100.4", web.GetProperty("ip").GetString());
        Assert.Contains("Firefox", web.GetProperty("client").GetString());
        var apis = sessions.Where(s => s.GetProperty("kind").GetString() == "API").ToList();
        Assert.Equal(2, apis.Count);
        Assert.All(apis, s => Assert.Equal("API session", s.GetProperty("client").GetString()));
        Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.True(sessions[0].GetProperty("current").GetBoolean());
        Assert.DoesNotContain(first, answer.Body);
        Assert.DoesNotContain(second, answer.Body);
    }

    [Fact]
    public async Task SignoutSessions_with_a_star_ends_every_other_session_at_once_and_keeps_the_caller()
    {
        var user = await fixture.NewUserAsync("my-project");
        var browser = await fixture.Factory.Get<BrowserSessions>().StartAsync(user.UserId, "198.51.100.4", "Firefox");
        var other = await user.SessionAsync();
        var caller = await user.SessionAsync();

        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", "*"), ("password", AppFactory.DemoPassword));

        Assert.Equal(0, answer.Result);
        Assert.Equal(2, answer["ended"].GetInt32());
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", other)).Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", caller)).Result);
        Assert.False(await fixture.Factory.Get<BrowserSessions>().IsActiveAsync(user.UserId, browser));
    }

    [Fact]
    public async Task SignoutSessions_takes_ids_separated_by_commas_or_semicolons_and_needs_the_password()
    {
        var user = await fixture.NewUserAsync("my-project");
        var a = await user.SessionAsync();
        var b = await user.SessionAsync();
        var caller = await user.SessionAsync();
        var listed = (await fixture.Client.GetApiAsync("users.Authentication.GetSessions", caller))["sessions"].EnumerateArray()
            .Where(s => !s.GetProperty("current").GetBoolean()).Select(s => s.GetProperty("id").GetString()!).ToList();

        var wrong = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", string.Join(";", listed)), ("password", "wrong"));
        Assert.Equal(20, wrong.Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", a)).Result);

        var unknown = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", listed[0] + ",api-999999"), ("password", AppFactory.DemoPassword));
        Assert.Equal(4, unknown.Result);
        Assert.Equal("ids", unknown.Parameter);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", a)).Result);

        var ended = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", string.Join(" ; ", listed)), ("password", AppFactory.DemoPassword));
        Assert.Equal(2, ended["ended"].GetInt32());
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", a)).Result);
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", b)).Result);
    }

    [Fact]
    public async Task Another_accounts_session_behaves_like_a_missing_one()
    {
        var owner = await fixture.NewUserAsync("my-project");
        var stranger = await fixture.NewUserAsync("my-project");
        var victim = await owner.SessionAsync();
        var victimId = (await fixture.Client.GetApiAsync("users.Authentication.GetSessions", victim))["sessions"][0].GetProperty("id").GetString()!;

        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", await stranger.SessionAsync(), ("ids", victimId), ("password", AppFactory.DemoPassword));

        Assert.Equal(4, answer.Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", victim)).Result);
    }

    [Fact]
    public async Task SignoutSessions_takes_ids_separated_by_commas_and_ends_browser_and_api_sessions_together()
    {
        var user = await fixture.NewUserAsync("my-project");
        var browsers = fixture.Factory.Get<BrowserSessions>();
        var browser = await browsers.StartAsync(user.UserId, "198.51.100.4", "Firefox");
        var other = await user.SessionAsync();
        var caller = await user.SessionAsync();
        var otherId = (await fixture.Client.GetApiAsync("users.Authentication.GetSessions", caller))["sessions"].EnumerateArray()
            .Single(s => s.GetProperty("kind").GetString() == "API" && !s.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;

        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", $"{browser},{otherId}"), ("password", AppFactory.DemoPassword));

        Assert.Equal(0, answer.Result);
        Assert.Equal(2, answer["ended"].GetInt32());
        Assert.False(await browsers.IsActiveAsync(user.UserId, browser));
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", other)).Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", caller)).Result);
    }

    [Fact]
    public async Task SignoutSessions_without_a_password_is_result_4_naming_it_and_ends_nothing()
    {
        var user = await fixture.NewUserAsync("my-project");
        var browser = await fixture.Factory.Get<BrowserSessions>().StartAsync(user.UserId, "198.51.100.4", "Firefox");
        var other = await user.SessionAsync();
        var caller = await user.SessionAsync();

        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", "*"));

        Assert.Equal((4, "password"), (answer.Result, answer.Parameter));
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", other)).Result);
        Assert.True(await fixture.Factory.Get<BrowserSessions>().IsActiveAsync(user.UserId, browser));
    }

    [Fact]
    public async Task A_wrong_password_ends_nothing_and_is_in_the_trail()
    {
        var user = await fixture.NewUserAsync("my-project");
        var browser = await fixture.Factory.Get<BrowserSessions>().StartAsync(user.UserId, "198.51.100.4", "Firefox");
        var caller = await user.SessionAsync();

        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", "*"), ("password", "not-the-password"));

        Assert.Equal(20, answer.Result);
        Assert.True(await fixture.Factory.Get<BrowserSessions>().IsActiveAsync(user.UserId, browser));
        var trail = await fixture.Factory.Get<ActivityLog>().PageAsync(user.UserId, new ActivityFilter(), 0, 50);
        Assert.Contains(trail.Entries, e => e.Kind == "PasswordRejected");
        Assert.DoesNotContain(trail.Entries, e => e.Kind == "SessionEnded");
    }

    [Fact]
    public async Task Another_accounts_browser_session_is_refused_and_never_listed()
    {
        var owner = await fixture.NewUserAsync("my-project");
        var stranger = await fixture.NewUserAsync("my-project");
        var browsers = fixture.Factory.Get<BrowserSessions>();
        var victim = await browsers.StartAsync(owner.UserId, "198.51.100.4", "Firefox");
        var strangerSession = await stranger.SessionAsync();

        var listed = await fixture.Client.GetApiAsync("users.Authentication.GetSessions", strangerSession);
        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", strangerSession, ("ids", victim), ("password", AppFactory.DemoPassword));

        Assert.Single(listed["sessions"].EnumerateArray());
        Assert.DoesNotContain(victim, listed.Body);
        Assert.Equal((4, "ids"), (answer.Result, answer.Parameter));
        Assert.True(await browsers.IsActiveAsync(owner.UserId, victim));
    }

    [Fact]
    public async Task Unknown_ids_cost_no_password_attempt()
    {
        var user = await fixture.NewUserAsync("my-project");
        var caller = await user.SessionAsync();

        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", "no-such-session"), ("password", "not-the-password"));

        Assert.Equal((4, "ids"), (answer.Result, answer.Parameter));
        var trail = await fixture.Factory.Get<ActivityLog>().PageAsync(user.UserId, new ActivityFilter(), 0, 50);
        Assert.DoesNotContain(trail.Entries, e => e.Kind == "PasswordRejected");
    }

    [Fact]
    public async Task Every_sign_out_is_in_the_activity_trail_with_the_browser_it_ended()
    {
        var user = await fixture.NewUserAsync("my-project");
        await fixture.Factory.Get<BrowserSessions>().StartAsync(user.UserId, "198.51.100.4", "Mozilla/5.0 Firefox/130.0");
        await user.SessionAsync();
        var caller = await user.SessionAsync();

        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", caller, ("ids", "*"), ("password", AppFactory.DemoPassword));

        Assert.Equal(2, answer["ended"].GetInt32());
        var ended = (await fixture.Factory.Get<ActivityLog>().PageAsync(user.UserId, new ActivityFilter("SessionEnded"), 0, 50)).Entries;
        Assert.Equal(2, ended.Count);
        Assert.Contains(ended, e => e.Detail == "browser from 198.51.100.4: Firefox 130");
        Assert.Contains(ended, e => e.Detail == "1 API session");
        Assert.All(ended, e => Assert.Equal("Session ended", e.KindName));
    }

    [Fact]
    public async Task A_token_holding_the_methods_sees_every_session_with_none_marked_and_a_star_ends_them_all()
    {
        var user = await fixture.NewUserAsync("my-project");
        var browser = await fixture.Factory.Get<BrowserSessions>().StartAsync(user.UserId, "198.51.100.4", "Firefox");
        var session = await user.SessionAsync();
        var token = await user.CustomTokenAsync("users.Authentication.GetSessions", "users.Authentication.SignoutSessions");

        var listed = await fixture.Client.GetApiAsync("users.Authentication.GetSessions", token);
        var answer = await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", token, ("ids", "*"), ("password", AppFactory.DemoPassword));

        Assert.Equal(2, listed["sessions"].GetArrayLength());
        Assert.All(listed["sessions"].EnumerateArray(), s => Assert.False(s.GetProperty("current").GetBoolean()));
        Assert.Equal(2, answer["ended"].GetInt32());
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", session)).Result);
        Assert.False(await fixture.Factory.Get<BrowserSessions>().IsActiveAsync(user.UserId, browser));
        Assert.Equal(0, (await fixture.Client.GetApiAsync("users.Authentication.GetSessions", token)).Result);
    }

    [Fact]
    public async Task A_token_without_the_methods_is_refused_with_8()
    {
        var user = await fixture.NewUserAsync("my-project");
        var token = await user.TokenAsync("Extended Access");

        Assert.Equal(8, (await fixture.Client.GetApiAsync("users.Authentication.GetSessions", token)).Result);
        Assert.Equal(8, (await fixture.Client.PostApiAsync("users.Authentication.SignoutSessions", token, ("ids", "*"), ("password", AppFactory.DemoPassword))).Result);
    }

    [Fact]
    public async Task A_browser_not_seen_for_longer_than_its_cookie_lives_is_no_longer_listed()
    {
        var user = await fixture.NewUserAsync("my-project");
        var browsers = fixture.Factory.Get<BrowserSessions>();
        var old = await browsers.StartAsync(user.UserId, "198.51.100.4", "Firefox/130.0");
        fixture.Factory.Clock.Advance(BrowserSessions.Lifetime + TimeSpan.FromMinutes(1));
        var recent = await browsers.StartAsync(user.UserId, "198.51.100.5", "Firefox/130.0");

        var answer = await fixture.Client.GetApiAsync("users.Authentication.GetSessions", await user.SessionAsync());

        var listed = answer["sessions"].EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "BROWSER").Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal([recent], listed);
        Assert.DoesNotContain(old, answer.Body);
    }
}
