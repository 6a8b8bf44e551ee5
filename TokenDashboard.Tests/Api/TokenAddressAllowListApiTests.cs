using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// Per-token IP allow-lists over the API: every call comes from 203.0.113.9 here. A call from outside the list is
/// refused with result 30 that never names the list, and is in the owner's trail; ipList goes through the same rules
/// as the dialog; a list that shuts out the caller is saved with a warning.
/// </summary>
public sealed class TokenAddressAllowListApiTests(TokenAddressAllowListApiTests.Fixture fixture)
    : IClassFixture<TokenAddressAllowListApiTests.Fixture>, IAsyncLifetime
{
    private const string Caller = "203.0.113.9";

    /// <summary>One app for the class whose every caller comes from <see cref="Caller"/>; each test has an account of its own.</summary>
    public sealed class Fixture() : ApiFixture(new AppFactory
    {
        TestServices = s => s.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Parse(Caller))),
    });

    private AppFactory Factory => fixture.Factory;
    private HttpClient Client => fixture.Client;
    private ApiUser user = default!;
    private string session = "";

    public async Task InitializeAsync()
    {
        var email = $"ip-{Guid.NewGuid():N}@example.com";
        user = new ApiUser(Factory, await Factory.CreateUserAsync(email), email);
        session = await user.SessionAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ApiAnswer> TokenCallAsync(string method, params (string, string)[] parameters) =>
        Client.PostApiAsync("users.Authentication." + method, session, [.. parameters, ("password", AppFactory.DemoPassword)]);

    [Fact]
    public async Task A_token_limited_to_other_addresses_is_refused_with_30_without_naming_them_and_the_refusal_is_in_the_trail()
    {
        var issued = await user.IssueAsync(new TokenDraft("office only", null, "IDE Plugins", null, ["198.51.100.0/24", "2001:db8::/32"]));

        var answer = await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value);

        Assert.Equal(30, answer.Result);
        Assert.DoesNotContain("198.51.100", answer.Body);
        Assert.DoesNotContain("2001:db8", answer.Body);
        Assert.Contains(Caller, answer.Error);
        await using var db = Factory.Database.CreateContext();
        var refused = await db.AuditEvents.SingleAsync(e => e.UserId == user.UserId && e.Action == AuditAction.AddressRefused);
        Assert.Equal(issued.Token.Id, refused.TokenId);
        Assert.Equal(Caller, refused.Ip);
        Assert.DoesNotContain("198.51.100", refused.Detail);
    }

    [Fact]
    public async Task The_same_token_works_from_an_address_in_its_list_and_records_nothing_refused()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins", null, ["198.51.100.0/24", "203.0.113.0/24"]));

        Assert.Equal(0, (await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);
        Assert.Equal(0, (await Client.GetApiAsync("users.Authentication.GetTokenInfo", issued.Value)).Result);
        await using var db = Factory.Database.CreateContext();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.UserId == user.UserId && e.Action == AuditAction.AddressRefused));
    }

    [Fact]
    public async Task A_forwarded_header_from_an_unconfigured_sender_does_not_get_past_the_list()
    {
        var issued = await user.IssueAsync(new TokenDraft("office only", null, "IDE Plugins", null, ["198.51.100.7"]));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ApiClient.PathOf("environment.Control.GetEnvs")}?session={issued.Value}");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        var body = await (await Client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("\"result\":30", body);
    }

    [Fact]
    public async Task Repeated_refusals_write_one_trail_entry_a_minute()
    {
        var issued = await user.IssueAsync(new TokenDraft("office only", null, "IDE Plugins", null, ["198.51.100.7"]));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(30, (await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);
        }
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(30, (await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);

        await using var db = Factory.Database.CreateContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.TokenId == issued.Token.Id && e.Action == AuditAction.AddressRefused));
    }

    [Fact]
    public async Task CreateToken_takes_ipList_and_GetTokens_shows_it_canonical()
    {
        var answer = await TokenCallAsync("CreateToken", ("description", "ci"), ("tokenTemplate", "IDE Plugins"), ("ipList", "203.0.113.0/24, 2001:DB8::/32"));

        Assert.Equal(0, answer.Result);
        Assert.False(answer.Json.TryGetProperty("warning", out _));
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32"], answer["token"].GetProperty("ipList").EnumerateArray().Select(e => e.GetString()));
        var key = answer["token"].GetProperty("key").GetString()!;
        Assert.Equal(0, (await Client.GetApiAsync("environment.Control.GetEnvs", key)).Result);
    }

    [Theory]
    [InlineData("10.0.0.1/24")]
    [InlineData("10.1")]
    [InlineData("1.2.3.4/33")]
    [InlineData("2001:db8::zz")]
    [InlineData("203.0.113.9,203.0.113.9")]
    public async Task Malformed_lists_are_result_4_naming_ipList_and_create_nothing(string ipList)
    {
        var answer = await TokenCallAsync("CreateToken", ("description", "bad"), ("tokenTemplate", "IDE Plugins"), ("ipList", ipList));

        Assert.Equal(4, answer.Result);
        Assert.Equal("ipList", answer.Parameter);
        Assert.Empty(await Factory.Get<TokenService>().ListAsync(user.UserId));
    }

    [Fact]
    public async Task A_ten_thousand_entry_list_is_refused_clearly_and_changes_nothing()
    {
        var issued = await user.IssueAsync(new TokenDraft("keep", null, "IDE Plugins"));
        var huge = string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"10.{i / 256 % 256}.{i % 256}.1"));

        var answer = await TokenCallAsync("EditToken", ("id", issued.Token.Id.ToString()), ("ipList", huge));

        Assert.Equal(4, answer.Result);
        Assert.Contains("at most 100", answer.Error);
        Assert.Empty((await Factory.Get<TokenService>().GetAsync(user.UserId, issued.Token.Id))!.AllowedAddresses);
    }

    [Fact]
    public async Task A_list_that_shuts_out_the_caller_is_saved_but_the_answer_warns()
    {
        var answer = await TokenCallAsync("CreateToken", ("description", "elsewhere"), ("tokenTemplate", "IDE Plugins"), ("ipList", "198.51.100.0/24"));

        Assert.Equal(0, answer.Result);
        Assert.Contains($"does not include your current address {Caller}", answer["warning"].GetString());
        Assert.Equal(["198.51.100.0/24"], answer["token"].GetProperty("ipList").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task EditToken_keeps_the_list_when_ipList_is_absent_and_clears_it_with_a_star()
    {
        var issued = await user.IssueAsync(new TokenDraft("ci", null, "IDE Plugins", null, ["198.51.100.0/24"]));
        var id = issued.Token.Id.ToString();

        var kept = await TokenCallAsync("EditToken", ("id", id), ("description", "renamed"));
        Assert.Equal(["198.51.100.0/24"], kept["token"].GetProperty("ipList").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(30, (await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);

        var cleared = await TokenCallAsync("EditToken", ("id", id), ("ipList", "*"));
        Assert.Empty(cleared["token"].GetProperty("ipList").EnumerateArray());
        Assert.Equal(0, (await Client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);
    }
}
