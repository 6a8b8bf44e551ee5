using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Policies;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Api;

/// <summary>
/// The administrators' token policy over a real port: every door that creates or changes a token (CreateToken,
/// EditToken, RegenerateToken) answers 4 naming the parameter and the policy, and changes nothing; "apply to existing
/// tokens" moves dates, tells owners and reaches the validator at once. The policy is the site's, so each test sets
/// the one it needs first (tests of one class run one at a time).
/// </summary>
public sealed class TokenPolicyApiTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>
{
    private const string Password = AppFactory.DemoPassword;
    private HttpClient Client => fixture.Client;
    private DateOnly Today => DateOnly.FromDateTime(fixture.Factory.Now().UtcDateTime);

    private async Task<PolicySaved> SetPolicyAsync(SitePolicies policies, bool applyToExisting = false)
    {
        var saved = await fixture.Factory.Get<PolicyAdministration>().SetAsync(await fixture.Factory.DemoActorAsync(), policies, Password, applyToExisting);
        Assert.True(saved.Succeeded, saved.Error?.Message);
        return saved.Value!;
    }

    [Fact]
    public async Task A_thirty_day_policy_refuses_a_ninety_day_CreateToken_naming_expiresAt_and_the_policy()
    {
        var user = await fixture.NewUserAsync();
        var session = await user.SessionAsync();
        await SetPolicyAsync(new SitePolicies(MaxLifetimeDays: 30));

        var refused = await Client.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "ci"), ("tokenTemplate", "IDE Plugins"), ("expiresAt", Today.AddDays(90).ToString("yyyy-MM-dd")), ("password", Password));
        var never = await Client.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "ci"), ("tokenTemplate", "IDE Plugins"), ("password", Password));
        var within = await Client.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "ci"), ("tokenTemplate", "IDE Plugins"), ("expiresAt", Today.AddDays(30).ToString("yyyy-MM-dd")), ("password", Password));

        Assert.Equal((4, "expiresAt"), (refused.Result, refused.Parameter));
        Assert.Contains("expiresAt", refused.Error);
        Assert.Contains("token policy allows at most 30 days", refused.Error);
        Assert.Equal((4, "expiresAt"), (never.Result, never.Parameter));
        Assert.Contains("token policy requires an expiry date", never.Error);
        Assert.Equal(0, within.Result);
        Assert.Single(await fixture.Factory.Get<TokenService>().ListAsync(user.UserId));
    }

    [Fact]
    public async Task EditToken_and_RegenerateToken_are_held_to_the_policy_too()
    {
        var user = await fixture.NewUserAsync();
        var session = await user.SessionAsync();
        await SetPolicyAsync(SitePolicies.None);
        var legacy = await user.IssueAsync(new TokenDraft("legacy", null, "ide-plugins"));
        await SetPolicyAsync(new SitePolicies(MaxLifetimeDays: 30, AllowedPresets: ["ide-plugins"]));

        var edit = await Client.PostApiAsync("users.Authentication.EditToken", session,
            ("id", legacy.Token.Id.ToString()), ("expiresAt", Today.AddDays(90).ToString("yyyy-MM-dd")), ("password", Password));
        var preset = await Client.PostApiAsync("users.Authentication.EditToken", session,
            ("id", legacy.Token.Id.ToString()), ("tokenTemplate", "Marketplace"), ("expiresAt", Today.AddDays(10).ToString("yyyy-MM-dd")), ("password", Password));
        var keepNever = await Client.PostApiAsync("users.Authentication.RegenerateToken", session, ("ids", legacy.Token.Id.ToString()), ("password", Password));
        var regenerated = await Client.PostApiAsync("users.Authentication.RegenerateToken", session,
            ("ids", legacy.Token.Id.ToString()), ("expiresAt", Today.AddDays(30).ToString("yyyy-MM-dd")), ("password", Password));

        Assert.Equal((4, "expiresAt"), (edit.Result, edit.Parameter));
        Assert.Contains("at most 30 days", edit.Error);
        Assert.Equal((4, "tokenTemplate"), (preset.Result, preset.Parameter));
        Assert.Contains("token policy does not allow the preset Marketplace", preset.Error);
        Assert.Equal((4, "expiresAt"), (keepNever.Result, keepNever.Parameter));
        Assert.Contains($"Token {legacy.Token.Id}", keepNever.Error);
        Assert.Equal(0, regenerated.Result);
        Assert.Equal(Today.AddDays(30).ToString("yyyy-MM-dd"), regenerated["token"].GetProperty("expiresAt").GetString());
    }

    [Fact]
    public async Task Applying_to_existing_tokens_moves_only_those_beyond_the_maximum_and_tells_their_owners()
    {
        var owner = await fixture.NewUserAsync();
        var bystander = await fixture.NewUserAsync();
        await SetPolicyAsync(SitePolicies.None);
        var never = await owner.IssueAsync(new TokenDraft("never", null, "ide-plugins"));
        var far = await owner.IssueAsync(new TokenDraft("far away script", Today.AddDays(200), "ide-plugins"));
        var near = await bystander.IssueAsync(new TokenDraft("near", Today.AddDays(5), "ide-plugins"));
        // The validator remembers the far token's date: the save must void that on every instance.
        Assert.Equal(0, (await Client.GetApiAsync("users.Account.GetUserInfo", far.Value)).Result);

        var saved = await SetPolicyAsync(new SitePolicies(MaxLifetimeDays: 30), applyToExisting: true);

        Assert.True(saved.TokensShortened >= 2);
        var tokens = await fixture.Factory.Get<TokenService>().ListAsync(owner.UserId);
        Assert.All(tokens, t => Assert.Equal(Today.AddDays(30), t.ExpiresOn));
        Assert.Equal(Today.AddDays(5), (await fixture.Factory.Get<TokenService>().GetAsync(bystander.UserId, near.Token.Id))!.ExpiresOn);
        var activity = await fixture.Factory.Get<ActivityLog>().PageAsync(owner.UserId, new ActivityFilter(Kind: "ExpiryShortenedByPolicy"), 0, 10);
        Assert.Equal([far.Token.Id, never.Token.Id], activity.Entries.Select(e => e.TokenId!.Value).Order().Reverse());
        Assert.Contains(activity.Entries, e => e.Detail!.Contains("instead of never"));
        var mail = Assert.Single(fixture.Factory.MailsTo(owner.Email));
        Assert.Contains("2 of your access tokens now expire", mail.Body);
        Assert.Contains(Today.AddDays(30).ToString("dd-MM-yyyy"), mail.Body);
        Assert.DoesNotContain("far away script", mail.Body);
        Assert.Empty(fixture.Factory.MailsTo(bystander.Email));

        // Past the new date (the clock only moves on: later tests work from their own today).
        fixture.Factory.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(702, (await Client.GetApiAsync("users.Account.GetUserInfo", far.Value)).Result);
    }

    [Fact]
    public async Task Saving_without_applying_leaves_existing_tokens_as_they_were()
    {
        var owner = await fixture.NewUserAsync();
        await SetPolicyAsync(SitePolicies.None);
        var far = await owner.IssueAsync(new TokenDraft("far", Today.AddDays(200), "ide-plugins"));

        var saved = await SetPolicyAsync(new SitePolicies(MaxLifetimeDays: 30));

        Assert.Equal(0, saved.TokensShortened);
        Assert.Equal(Today.AddDays(200), (await fixture.Factory.Get<TokenService>().GetAsync(owner.UserId, far.Token.Id))!.ExpiresOn);
        Assert.Empty(fixture.Factory.MailsTo(owner.Email));
    }

    [Fact]
    public async Task A_policy_that_contradicts_itself_is_refused_before_the_password_and_changes_nothing()
    {
        await SetPolicyAsync(new SitePolicies(MaxLifetimeDays: 45));
        var administration = fixture.Factory.Get<PolicyAdministration>();
        var demo = await fixture.Factory.DemoActorAsync();

        var zero = await administration.SetAsync(demo, new SitePolicies(MaxLifetimeDays: 0), "not the password", applyToExisting: true);
        var empty = await administration.SetAsync(demo, new SitePolicies(AllowedPresets: []), "not the password", applyToExisting: false);

        Assert.Equal("maxLifetimeDays", zero.Error!.Field);
        Assert.Equal("allowedPresets", empty.Error!.Field);
        Assert.Equal(45, (await administration.GetAsync()).MaxLifetimeDays);
        var rejected = await fixture.Factory.Get<ActivityLog>().PageAsync(demo.UserId, new ActivityFilter(Kind: "PasswordRejected"), 0, 10);
        Assert.Empty(rejected.Entries);
    }

    [Fact]
    public async Task An_administrator_reads_and_changes_the_policies_over_the_api_one_at_a_time()
    {
        await SetPolicyAsync(new SitePolicies(RequireIpList: true));
        var admin = await new ApiUser(fixture.Factory, await fixture.Factory.DemoActorAsync(), AppFactory.DemoEmail).SessionAsync();

        var set = await Client.PostApiAsync("admin.Policies.SetPolicies", admin,
            ("maxLifetimeDays", "30"), ("allowedPresets", "IDE Plugins, custom"), ("registration", "Invitation"), ("password", Password));
        var read = await Client.PostApiAsync("admin.Policies.GetPolicies", admin);

        Assert.Equal(0, set.Result);
        var policies = read["policies"];
        Assert.Equal(30, policies.GetProperty("maxLifetimeDays").GetInt32());
        Assert.Equal(["IDE Plugins", "Custom"], policies.GetProperty("allowedPresets").EnumerateArray().Select(p => p.GetString()));
        Assert.True(policies.GetProperty("requireIpList").GetBoolean()); // not given: unchanged
        Assert.Equal("invitation", policies.GetProperty("registration").GetString());
        Assert.Equal(30, (await fixture.Factory.Get<PolicyAdministration>().GetAsync()).MaxLifetimeDays);
    }

    [Theory]
    [InlineData("maxLifetimeDays", "0")]
    [InlineData("maxLifetimeDays", "-3")]
    [InlineData("maxLifetimeDays", "ninety")]
    [InlineData("allowedPresets", ",")]
    [InlineData("allowedPresets", "Root Access")]
    [InlineData("requireExpiry", "maybe")]
    [InlineData("registration", "sometimes")]
    public async Task SetPolicies_with_bad_input_answers_4_naming_the_parameter_and_changes_nothing(string parameter, string value)
    {
        await SetPolicyAsync(new SitePolicies(MaxLifetimeDays: 45));
        var admin = await new ApiUser(fixture.Factory, await fixture.Factory.DemoActorAsync(), AppFactory.DemoEmail).SessionAsync();

        var answer = await Client.PostApiAsync("admin.Policies.SetPolicies", admin, (parameter, value), ("password", Password));

        Assert.Equal((4, parameter), (answer.Result, answer.Parameter));
        Assert.Equal(new SitePolicies(MaxLifetimeDays: 45), await fixture.Factory.Get<PolicyAdministration>().GetAsync());
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_gets_8_from_the_api_and_a_refusal_from_the_service()
    {
        await SetPolicyAsync(new SitePolicies(MaxLifetimeDays: 45));
        var user = await fixture.NewUserAsync();
        var session = await user.SessionAsync();

        var get = await Client.PostApiAsync("admin.Policies.GetPolicies", session);
        var set = await Client.PostApiAsync("admin.Policies.SetPolicies", session, ("maxLifetimeDays", "none"), ("password", Password));
        var service = await fixture.Factory.Get<PolicyAdministration>().SetAsync(user.Actor, SitePolicies.None, Password, applyToExisting: true);

        Assert.Equal((8, 8), (get.Result, set.Result));
        Assert.Equal(ErrorKind.NotAdministrator, service.Error!.Kind);
        Assert.Equal(45, (await fixture.Factory.Get<PolicyAdministration>().GetAsync()).MaxLifetimeDays);
    }
}
