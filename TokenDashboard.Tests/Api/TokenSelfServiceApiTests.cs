using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// users.Authentication.GetTokenInfo and RevokeToken: any valid token may check or revoke itself, whatever methods it
/// holds; neither ever shows the value, and a revoke is in the owner's trail with the holder's address.
/// </summary>
public sealed class TokenSelfServiceApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task GetTokenInfo_answers_a_token_that_holds_no_token_method_with_its_own_details_and_never_its_value()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("Maven on CI", new DateOnly(2099, 12, 31), null, ["environment.Deployment.Deploy"]));

        var answer = await fixture.Client.GetApiAsync("users.Authentication.GetTokenInfo", issued.Value);

        Assert.Equal(0, answer.Result);
        var token = answer["token"];
        Assert.Equal(issued.Token.Id, token.GetProperty("id").GetInt32());
        Assert.Equal("Maven on CI", token.GetProperty("description").GetString());
        Assert.Equal(["environment.Deployment.Deploy"], token.GetProperty("apiList").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("2099-12-31", token.GetProperty("expiresAt").GetString());
        Assert.True(token.TryGetProperty("createdAt", out _));
        Assert.False(token.TryGetProperty("key", out _));
        Assert.DoesNotContain(issued.Value, answer.Body);
        Assert.DoesNotContain(issued.Value[4..^6], answer.Body);
    }

    [Fact]
    public async Task GetTokenInfo_works_with_a_preset_token_and_as_a_bearer()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync("Maven Plugin");

        var answer = await fixture.Client.BearerApiAsync("users.Authentication.GetTokenInfo", token);

        Assert.Equal(0, answer.Result);
        Assert.Equal("Maven Plugin", answer["token"].GetProperty("tokenTemplate").GetString());
    }

    [Fact]
    public async Task GetTokenInfo_with_a_session_is_refused_because_a_session_is_not_a_token()
    {
        var user = await fixture.NewUserAsync();

        var answer = await fixture.Client.GetApiAsync("users.Authentication.GetTokenInfo", await user.SessionAsync());

        Assert.Equal(8, answer.Result);
        Assert.Contains("session", answer.Error);
    }

    [Fact]
    public async Task RevokeToken_kills_the_presenting_token_at_once_without_a_password_and_leaves_the_others()
    {
        var user = await fixture.NewUserAsync();
        var leaked = await user.IssueAsync(new TokenDraft("leaked", null, "IDE Plugins"));
        var other = await user.TokenAsync("IDE Plugins");
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", leaked.Value)).Result);

        var answer = await fixture.Client.PostApiAsync("users.Authentication.RevokeToken", leaked.Value);

        Assert.Equal(0, answer.Result);
        Assert.Equal(leaked.Token.Id, answer["revoked"].GetInt32());
        Assert.Equal(702, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", leaked.Value)).Result);
        Assert.Equal(702, (await fixture.Client.GetApiAsync("users.Authentication.RevokeToken", leaked.Value)).Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", other)).Result);
        Assert.Null(await fixture.Factory.Get<TokenService>().GetAsync(user.UserId, leaked.Token.Id));
    }

    [Fact]
    public async Task RevokeToken_tells_the_owner_it_was_revoked_by_its_holder_and_from_where()
    {
        await using var factory = new AppFactory
        {
            TestServices = s => s.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Parse("203.0.113.9"))),
        };
        var client = factory.CreateClient();
        var owner = await factory.CreateUserAsync("owner@example.com");
        var issued = await factory.Get<TokenService>().GenerateAsync(owner, new TokenDraft("pasted in a gist", null, "Marketplace"), AppFactory.DemoPassword);

        Assert.Equal(0, (await client.GetApiAsync("users.Authentication.RevokeToken", issued.Value!.Value)).Result);

        await using var db = factory.Database.CreateContext();
        var entry = await db.AuditEvents.SingleAsync(e => e.UserId == owner.UserId && e.Action == AuditAction.RevokedByHolder);
        Assert.Equal(issued.Value.Token.Id, entry.TokenId);
        Assert.Equal("203.0.113.9", entry.Ip);
        Assert.Equal("revoked by its holder from 203.0.113.9", entry.Detail);
    }

    [Fact]
    public async Task RevokeToken_with_a_session_revokes_nothing()
    {
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();

        var answer = await fixture.Client.GetApiAsync("users.Authentication.RevokeToken", await user.SessionAsync());

        Assert.Equal(8, answer.Result);
        Assert.Equal(0, (await fixture.Client.GetApiAsync("environment.Control.GetEnvs", token)).Result);
    }

    [Fact]
    public async Task Every_preset_in_GetTokenTemplates_names_both_as_always_allowed()
    {
        var user = await fixture.NewUserAsync();

        var answer = await fixture.Client.GetApiAsync("users.Authentication.GetTokenTemplates", await user.SessionAsync());

        var templates = answer["tokenTemplates"].EnumerateArray().ToList();
        Assert.NotEmpty(templates);
        Assert.All(templates, t => Assert.Equal(
            ["users.Authentication.GetTokenInfo", "users.Authentication.RevokeToken"],
            t.GetProperty("alwaysAllowed").EnumerateArray().Select(m => m.GetString())));
    }

    [Fact]
    public async Task Neither_can_be_granted_in_an_api_list()
    {
        var user = await fixture.NewUserAsync();

        var answer = await fixture.Client.PostApiAsync("users.Authentication.CreateToken", await user.SessionAsync(),
            ("description", "x"), ("apiList", "users.Authentication.RevokeToken"), ("password", AppFactory.DemoPassword));

        Assert.Equal(4, answer.Result);
        Assert.Contains("always allowed", answer.Error);
    }
}
