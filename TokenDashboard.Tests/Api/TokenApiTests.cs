using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Api;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// users.Authentication token methods over HTTP: the same TokenService as the dashboard, so the same validation,
/// password check, lockout and audit — and the documented shapes.
/// </summary>
public sealed class TokenApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Password = AppFactory.DemoPassword;
    private ApiUser user = default!;
    private string session = "";

    private Task<ApiAnswer> CallAsync(string method, params (string, string)[] parameters) =>
        fixture.Client.PostApiAsync("users.Authentication." + method, session, parameters);

    private TokenService Tokens => fixture.Factory.Get<TokenService>();

    [Fact]
    public async Task CreateToken_with_a_template_returns_a_key_that_works_once_shown()
    {
        var answer = await CallAsync("CreateToken", ("description", "CI"), ("tokenTemplate", "ide plugins"), ("expiresAt", "2099-12-31"), ("password", Password));

        var token = answer["token"];
        var key = token.GetProperty("key").GetString()!;
        Assert.True(TokenFormat.IsWellFormed(key));
        Assert.Equal("IDE Plugins", token.GetProperty("tokenTemplate").GetString());
        Assert.Equal("2099-12-31", token.GetProperty("expiresAt").GetString());
        Assert.Contains("environment.Control.StopEnv", token.GetProperty("apiList").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.StopEnv", key, ("envName", "my-project"))).Result);
        var listed = await CallAsync("GetTokens");
        Assert.DoesNotContain(key, listed.Body);
        Assert.False(listed["tokens"][0].TryGetProperty("key", out _));
    }

    [Fact]
    public async Task CreateToken_with_an_api_list_holds_exactly_those_methods()
    {
        var answer = await CallAsync("CreateToken", ("description", "list"), ("apiList", "environment.Control.GetEnvs, users.Account.GetUserInfo"), ("password", Password));

        var token = answer["token"];
        Assert.Equal(JsonValueKind.Null, token.GetProperty("tokenTemplate").ValueKind);
        Assert.Equal(["environment.Control.GetEnvs", "users.Account.GetUserInfo"], token.GetProperty("apiList").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(JsonValueKind.Null, token.GetProperty("expiresAt").ValueKind);
    }

    [Theory]
    [InlineData("description", "", "IDE Plugins", null, null)]
    [InlineData("tokenTemplate", "x", "Everything", null, null)]
    [InlineData("tokenTemplate", "x", "IDE Plugins", "environment.Control.GetEnvs", null)]
    [InlineData("apiList", "x", null, null, null)]
    [InlineData("apiList", "x", null, "environment.Control.Explode", null)]
    [InlineData("apiList", "x", null, "users.Authentication.Signin", null)]
    [InlineData("expiresAt", "x", "IDE Plugins", null, "31-12-2099")]
    [InlineData("expiresAt", "x", "IDE Plugins", null, "2000-01-01")]
    public async Task CreateToken_with_bad_input_answers_4_naming_the_parameter_and_creates_nothing(
        string parameter, string description, string? template, string? apiList, string? expiresAt)
    {
        var parameters = new List<(string, string)> { ("description", description), ("password", Password) };
        if (template is not null) parameters.Add(("tokenTemplate", template));
        if (apiList is not null) parameters.Add(("apiList", apiList));
        if (expiresAt is not null) parameters.Add(("expiresAt", expiresAt));

        var answer = await CallAsync("CreateToken", [.. parameters]);

        Assert.Equal((4, parameter), (answer.Result, answer.Parameter));
        Assert.Contains(parameter, answer.Error);
        Assert.Empty(await Tokens.ListAsync(user.UserId));
    }

    [Fact]
    public async Task CreateToken_with_a_wrong_or_missing_password_changes_nothing()
    {
        var wrong = await CallAsync("CreateToken", ("description", "x"), ("tokenTemplate", "Marketplace"), ("password", "wrong"));
        var missing = await CallAsync("CreateToken", ("description", "x"), ("tokenTemplate", "Marketplace"));

        Assert.Equal(ResultCodes.WrongPassword, wrong.Result);
        Assert.Equal((4, "password"), (missing.Result, missing.Parameter));
        Assert.Empty(await Tokens.ListAsync(user.UserId));
    }

    [Fact]
    public async Task GetTokens_lists_the_accounts_tokens_in_the_documented_shape()
    {
        var issued = await user.IssueAsync(new TokenDraft("deploys", new DateOnly(2099, 1, 2), "maven-plugin"));

        var answer = await CallAsync("GetTokens");

        var token = Assert.Single(answer["tokens"].EnumerateArray());
        Assert.Equal(issued.Token.Id, token.GetProperty("id").GetInt32());
        Assert.Equal("deploys", token.GetProperty("description").GetString());
        Assert.Equal("Maven Plugin", token.GetProperty("tokenTemplate").GetString());
        Assert.Equal("2099-01-02", token.GetProperty("expiresAt").GetString());
        Assert.Equal(4, token.GetProperty("apiList").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, token.GetProperty("lastUsed").ValueKind);
    }

    [Fact]
    public async Task EditToken_changes_what_is_given_keeps_the_rest_and_keeps_the_value()
    {
        var issued = await user.IssueAsync(new TokenDraft("old", new DateOnly(2099, 1, 2), "IDE Plugins"));

        var answer = await CallAsync("EditToken", ("id", issued.Token.Id.ToString()), ("description", "new"), ("password", Password));
        var never = await CallAsync("EditToken", ("id", issued.Token.Id.ToString()), ("expiresAt", "never"), ("apiList", "environment.Control.GetEnvs"), ("password", Password));

        Assert.Equal("new", answer["token"].GetProperty("description").GetString());
        Assert.Equal("IDE Plugins", answer["token"].GetProperty("tokenTemplate").GetString());
        Assert.Equal("2099-01-02", answer["token"].GetProperty("expiresAt").GetString());
        Assert.False(answer["token"].TryGetProperty("key", out _));
        Assert.Equal(JsonValueKind.Null, never["token"].GetProperty("expiresAt").ValueKind);
        Assert.Equal(["environment.Control.GetEnvs"], (await fixture.Factory.Get<TokenValidator>().ValidateAsync(issued.Value)).Token!.Methods);
    }

    [Fact]
    public async Task EditToken_of_an_unknown_id_answers_4_naming_id_and_a_wrong_password_answers_20()
    {
        var issued = await user.IssueAsync(new TokenDraft("keep", null, "IDE Plugins"));

        var unknown = await CallAsync("EditToken", ("id", "999999"), ("description", "x"), ("password", Password));
        var malformed = await CallAsync("EditToken", ("id", "abc"), ("description", "x"), ("password", Password));
        var wrong = await CallAsync("EditToken", ("id", issued.Token.Id.ToString()), ("description", "x"), ("password", "wrong"));

        Assert.Equal((4, "id"), (unknown.Result, unknown.Parameter));
        Assert.Equal((4, "id"), (malformed.Result, malformed.Parameter));
        Assert.Equal(ResultCodes.WrongPassword, wrong.Result);
        Assert.Equal("keep", (await Tokens.GetAsync(user.UserId, issued.Token.Id))!.Description);
    }

    [Fact]
    public async Task RegenerateToken_returns_a_new_key_and_the_old_one_stops_working()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));

        var answer = await CallAsync("RegenerateToken", ("id", issued.Token.Id.ToString()), ("password", Password));

        var key = answer["token"].GetProperty("key").GetString()!;
        Assert.NotEqual(issued.Value, key);
        Assert.Equal(ResultCodes.NotAuthenticated, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", key)).Result);
    }

    [Fact]
    public async Task RegenerateToken_answers_4_for_an_unknown_id_and_20_for_a_wrong_password()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins"));

        var unknown = await CallAsync("RegenerateToken", ("id", "424242"), ("password", Password));
        var wrong = await CallAsync("RegenerateToken", ("id", issued.Token.Id.ToString()), ("password", "wrong"));

        Assert.Equal((4, "id"), (unknown.Result, unknown.Parameter));
        Assert.Equal(ResultCodes.WrongPassword, wrong.Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);
    }

    [Fact]
    public async Task DeleteTokens_accepts_comma_and_semicolon_separated_ids()
    {
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await user.IssueAsync(new TokenDraft($"t{i}", null, "Marketplace"))).Token.Id);
        }

        var answer = await CallAsync("DeleteTokens", ("ids", $"{ids[0]}, {ids[1]};{ids[2]}"), ("password", Password));

        Assert.Equal(3, answer["removed"].GetInt32());
        Assert.Empty(await Tokens.ListAsync(user.UserId));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("x")]
    [InlineData("-1")]
    public async Task DeleteTokens_with_a_bad_id_answers_4_naming_ids_and_removes_nothing(string badId)
    {
        var issued = await user.IssueAsync(new TokenDraft("keep", null, "Marketplace"));

        var answer = await CallAsync("DeleteTokens", ("ids", $"{issued.Token.Id},{badId}"), ("password", Password));

        Assert.Equal((4, "ids"), (answer.Result, answer.Parameter));
        Assert.Single(await Tokens.ListAsync(user.UserId));
    }

    [Fact]
    public async Task DeleteTokens_with_a_wrong_password_answers_20_and_removes_nothing()
    {
        var issued = await user.IssueAsync(new TokenDraft("keep", null, "Marketplace"));

        var answer = await CallAsync("DeleteTokens", ("ids", issued.Token.Id.ToString()), ("password", "wrong"));

        Assert.Equal(ResultCodes.WrongPassword, answer.Result);
        Assert.Single(await Tokens.ListAsync(user.UserId));
    }

    [Fact]
    public async Task Five_wrong_passwords_through_the_api_lock_the_account_with_21_saying_until_when()
    {
        for (var i = 0; i < 5; i++)
        {
            await CallAsync("CreateToken", ("description", "x"), ("tokenTemplate", "Marketplace"), ("password", $"wrong-{i}"));
        }

        var answer = await CallAsync("CreateToken", ("description", "x"), ("tokenTemplate", "Marketplace"), ("password", Password));

        Assert.Equal(ResultCodes.LockedOut, answer.Result);
        Assert.Matches(@"locked until \d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2} UTC", answer.Error);
        Assert.Empty(await Tokens.ListAsync(user.UserId));
    }

    [Fact]
    public async Task Token_changes_through_the_api_are_audited_like_the_dashboards()
    {
        var created = await CallAsync("CreateToken", ("description", "x"), ("tokenTemplate", "Marketplace"), ("password", Password));
        var id = created["token"].GetProperty("id").GetInt32().ToString();
        await CallAsync("EditToken", ("id", id), ("description", "y"), ("password", Password));
        await CallAsync("RegenerateToken", ("id", id), ("password", Password));
        await CallAsync("DeleteTokens", ("ids", id), ("password", Password));

        await using var db = fixture.Factory.Database.CreateContext();
        var actions = await db.AuditEvents.Where(e => e.UserId == user.UserId && e.TokenId != null).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Edited, AuditAction.Regenerated, AuditAction.Removed], actions);
    }

    [Fact]
    public async Task GetTokenApiList_lists_every_grantable_method_and_never_signin()
    {
        var answer = await CallAsync("GetTokenApiList");

        var names = answer["apiList"].EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(ApiCatalog.Grantable.Select(m => m.FullName), names);
        Assert.DoesNotContain("users.Authentication.Signin", names);
    }

    [Fact]
    public async Task GetTokenTemplates_lists_the_presets_with_their_methods()
    {
        var answer = await CallAsync("GetTokenTemplates");

        var templates = answer["tokenTemplates"].EnumerateArray().ToList();
        Assert.Equal(["Extended Access", "IDE Plugins", "Marketplace", "Maven Plugin"], templates.Select(t => t.GetProperty("name").GetString()));
        Assert.All(templates, t => Assert.True(ApiCatalog.FindPreset(t.GetProperty("key").GetString()!)!.Methods
            .SetEquals(t.GetProperty("apiList").EnumerateArray().Select(m => m.GetString()!))));
    }

    public async Task InitializeAsync()
    {
        user = await fixture.NewUserAsync();
        session = await user.SessionAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
