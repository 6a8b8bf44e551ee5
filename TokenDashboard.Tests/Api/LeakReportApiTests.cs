using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// A leaked token can be killed by whoever finds it, wherever they are: RevokeToken from outside the token's
/// allow-list, and ReportLeakedTokens with no credential at all — on a real socket, the owner told by the trail and
/// by mail, the reporter never told which values were tokens.
/// </summary>
public sealed class LeakReportApiTests(LeakReportApiTests.Fixture fixture) : IClassFixture<LeakReportApiTests.Fixture>
{
    /// <summary>One app for the class (mailing into its own folder); the hourly report budget is tested on its own.</summary>
    public sealed class Fixture() : ApiFixture(new KestrelAppFactory { Settings = { ["RateLimits:LeakReportsPerHour"] = "100000" } })
    {
        public HttpClient Socket { get; private set; } = default!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Socket = ((KestrelAppFactory)Factory).NewClient();
        }

        public override async Task DisposeAsync()
        {
            Socket.Dispose();
            await base.DisposeAsync();
        }

        /// <summary>A user who never confirmed their address (test users are created confirmed).</summary>
        public async Task<ApiUser> UnconfirmedUserAsync()
        {
            var user = await NewUserAsync();
            await using var db = Factory.Database.CreateContext();
            await db.Users.Where(u => u.Id == user.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
            return user;
        }

        public IReadOnlyList<EmlFile> MailsTo(string email) => Factory.MailsTo(email);
    }

    private HttpClient Socket => fixture.Socket;

    [Fact]
    public async Task RevokeToken_works_from_outside_the_tokens_allow_list_and_records_the_address()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("office only", null, "IDE Plugins", null, ["198.51.100.0/24"]));

        var elsewhere = await Socket.GetApiAsync("environment.Control.GetEnvs", issued.Value);
        var revoked = await Socket.GetApiAsync("users.Authentication.RevokeToken", issued.Value);

        Assert.Equal(30, elsewhere.Result); // every other method still keeps to the list
        Assert.Equal(0, revoked.Result);
        Assert.Equal(702, (await Socket.GetApiAsync("users.Authentication.GetTokenInfo", issued.Value)).Result);
        var entry = Assert.Single((await fixture.Factory.Get<ActivityLog>().PageAsync(user.UserId, new ActivityFilter(Kind: nameof(AuditAction.RevokedByHolder)), 0, 10)).Entries);
        Assert.Equal("127.0.0.1", entry.Ip);
        Assert.Equal("office only", entry.Token);
    }

    [Fact]
    public async Task A_report_revokes_each_token_in_it_tells_each_owner_and_answers_as_if_none_were_tokens()
    {
        var alice = await fixture.NewUserAsync();
        var bob = await fixture.NewUserAsync();
        var a1 = await alice.IssueAsync(new TokenDraft("pushed to GitHub", null, "IDE Plugins"));
        var a2 = await alice.IssueAsync(new TokenDraft("in a pastebin", null, "Marketplace"));
        var kept = await alice.IssueAsync(new TokenDraft("still private", null, "Marketplace"));
        var b1 = await bob.IssueAsync(new TokenDraft("bob's ci", null, "Maven Plugin"));
        var strangers = new[] { TokenFormat.Generate(), TokenFormat.Generate(), "not-a-token", "tdt_short" };

        var report = await Socket.PostApiAsync(ApiCatalog.ReportLeakedTokens, null,
            ("tokens", $"{a1.Value},{a2.Value};{strangers[0]}\n{b1.Value}\r\n{strangers[1]}; {strangers[2]} ,{strangers[3]},{a1.Value}"));
        var nothing = await Socket.PostApiAsync(ApiCatalog.ReportLeakedTokens, null,
            ("tokens", string.Join("\n", Enumerable.Range(0, 7).Select(_ => TokenFormat.Generate()))));

        Assert.Equal(0, report.Result);
        Assert.Equal("""{"result":0,"received":7}""", report.Body); // distinct values: a1 was given twice
        Assert.Equal(report.Body, nothing.Body); // the same answer whichever values were tokens
        foreach (var gone in new[] { a1, a2, b1 })
        {
            Assert.Equal(702, (await Socket.GetApiAsync("users.Authentication.GetTokenInfo", gone.Value)).Result);
        }
        Assert.Equal(0, (await Socket.GetApiAsync("users.Authentication.GetTokenInfo", kept.Value)).Result);

        var trail = (await fixture.Factory.Get<ActivityLog>().PageAsync(alice.UserId, new ActivityFilter(Kind: nameof(AuditAction.ReportedLeaked)), 0, 10)).Entries;
        Assert.Equal(["in a pastebin", "pushed to GitHub"], trail.Select(e => e.Token).Order());
        Assert.All(trail, e => Assert.Equal("reported as leaked from 127.0.0.1", e.Detail));
        Assert.All(trail, e => Assert.Equal("Token reported as leaked", e.KindName));

        var mail = Assert.Single(fixture.MailsTo(alice.Email));
        Assert.Contains("Subject: Access tokens of yours were reported as leaked and have been revoked", mail.Headers);
        Assert.Contains("\"pushed to GitHub\"", mail.Body);
        Assert.Contains("\"in a pastebin\"", mail.Body);
        Assert.Contains("from 127.0.0.1", mail.Body);
        Assert.DoesNotContain("still private", mail.Body);
        Assert.DoesNotContain(a1.Value, mail.Text);
        Assert.Contains("\"bob's ci\"", Assert.Single(fixture.MailsTo(bob.Email)).Body);
    }

    [Fact]
    public async Task An_unconfirmed_address_gets_no_mail_but_the_token_is_revoked_and_in_the_trail()
    {
        var user = await fixture.UnconfirmedUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("unconfirmed owner", null, "IDE Plugins"));

        Assert.Equal(0, (await Socket.PostApiAsync(ApiCatalog.ReportLeakedTokens, null, ("tokens", issued.Value))).Result);

        Assert.Equal(702, (await Socket.GetApiAsync("users.Authentication.GetTokenInfo", issued.Value)).Result);
        Assert.Single((await fixture.Factory.Get<ActivityLog>().PageAsync(user.UserId, new ActivityFilter(Kind: nameof(AuditAction.ReportedLeaked)), 0, 10)).Entries);
        Assert.Empty(fixture.MailsTo(user.Email));
    }

    [Theory]
    [InlineData(1_001)]
    [InlineData(5_000)]
    public async Task More_than_a_thousand_values_is_result_4_naming_tokens_and_revokes_nothing(int count)
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("in a big dump", null, "IDE Plugins"));
        var values = Enumerable.Range(0, count - 1).Select(_ => TokenFormat.Generate()).Append(issued.Value);

        var answer = await Socket.PostApiAsync(ApiCatalog.ReportLeakedTokens, null, ("tokens", string.Join(",", values)));

        Assert.Equal(4, answer.Result);
        Assert.Equal("tokens", answer.Parameter);
        Assert.Equal(0, (await Socket.GetApiAsync("users.Authentication.GetTokenInfo", issued.Value)).Result);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ,; \n ")]
    public async Task A_report_without_values_is_result_4_naming_tokens(string tokens)
    {
        var answer = await Socket.PostApiAsync(ApiCatalog.ReportLeakedTokens, null, ("tokens", tokens));

        Assert.Equal(4, answer.Result);
        Assert.Equal("tokens", answer.Parameter);
    }

    [Fact]
    public async Task A_report_needs_no_credential_and_ignores_one_given()
    {
        var user = await fixture.NewUserAsync();
        var caller = await user.IssueAsync(new TokenDraft("the reporter's own", null, "IDE Plugins"));

        var answer = await Socket.PostApiAsync(ApiCatalog.ReportLeakedTokens, "tds_notasession", ("tokens", TokenFormat.Generate()));

        Assert.Equal(0, answer.Result);
        Assert.Equal(0, (await Socket.GetApiAsync("users.Authentication.GetTokenInfo", caller.Value)).Result);
        Assert.True(ApiCatalog.Find(ApiCatalog.ReportLeakedTokens) is { Anonymous: true, Grantable: false });
    }
}

/// <summary>Sixty reports per client address per hour; the sixty-first is 429 with Retry-After and result 22.</summary>
public sealed class LeakReportRateLimitTests : IAsyncLifetime
{
    private readonly KestrelAppFactory factory = new();

    [Fact]
    public async Task The_sixty_first_report_of_an_hour_is_refused_with_22_and_Retry_After()
    {
        using var client = factory.NewClient();
        for (var i = 0; i < LeakedTokenReports.MaxCallsPerHour; i++)
        {
            Assert.Equal(0, (await client.PostApiAsync(ApiCatalog.ReportLeakedTokens, null, ("tokens", TokenFormat.Generate()))).Result);
        }

        var refused = await client.PostApiAsync(ApiCatalog.ReportLeakedTokens, null, ("tokens", TokenFormat.Generate()));
        var otherCall = await client.GetApiAsync("users.Authentication.GetTokenTemplates", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Response.StatusCode);
        Assert.Equal(22, refused.Result);
        Assert.True(refused.Response.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1), refused.Response.Headers.RetryAfter?.ToString());
        Assert.Equal(702, otherCall.Result); // the rest of the API keeps its own budget
    }

    public Task InitializeAsync()
    {
        factory.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
