using TokenDashboard.Accounts.Policies;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

/// <summary>The administrators' token policy in the one rulebook: every refusal names its field and the policy.</summary>
public sealed class TokenPolicyTests
{
    private static readonly DateOnly Today = new(2030, 6, 1);
    private static readonly TokenPolicy ThirtyDays = new(30, false, null, false);

    private static Error? Validate(TokenDraft draft, TokenPolicy policy) => TokenDraftValidator.Validate(draft, Today, policy).Error;

    [Fact]
    public void A_ninety_day_token_is_refused_under_a_thirty_day_policy_naming_the_date_field_and_the_policy()
    {
        var error = Validate(new TokenDraft("ci", Today.AddDays(90), "ide-plugins"), ThirtyDays);

        Assert.Equal("expiresAt", error!.Field);
        Assert.Contains("token policy allows at most 30 days", error.Message);
        Assert.Contains(Today.AddDays(30).ToString("dd-MM-yyyy"), error.Message);
    }

    [Fact]
    public void The_last_day_the_policy_allows_is_accepted_and_the_next_refused()
    {
        Assert.Null(Validate(new TokenDraft("ci", Today.AddDays(30), "ide-plugins"), ThirtyDays));
        Assert.NotNull(Validate(new TokenDraft("ci", Today.AddDays(31), "ide-plugins"), ThirtyDays));
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(null, true)]
    public void Never_is_refused_when_the_policy_requires_a_date_or_limits_the_lifetime(int? maxDays, bool requireExpiry)
    {
        var error = Validate(new TokenDraft("ci", null, "ide-plugins"), new TokenPolicy(maxDays, requireExpiry, null, false));

        Assert.Equal("expiresAt", error!.Field);
        Assert.Contains("token policy requires an expiry date", error.Message);
    }

    [Fact]
    public void A_preset_outside_the_allowed_ones_is_refused_and_an_allowed_one_passes()
    {
        var policy = new TokenPolicy(null, false, new HashSet<string> { "maven-plugin" }, false);

        var error = Validate(new TokenDraft("ci", null, "IDE Plugins"), policy);

        Assert.Equal("tokenTemplate", error!.Field);
        Assert.Contains("does not allow the preset IDE Plugins; allowed: Maven Plugin", error.Message);
        Assert.Null(Validate(new TokenDraft("ci", null, "Maven Plugin"), policy));
    }

    [Fact]
    public void A_custom_list_is_refused_unless_the_policy_allows_custom()
    {
        var draft = new TokenDraft("ci", null, null, ["environment.Control.GetEnvs"]);

        Assert.Equal("apiList", Validate(draft, new TokenPolicy(null, false, new HashSet<string> { "maven-plugin" }, false))!.Field);
        Assert.Null(Validate(draft, new TokenPolicy(null, false, new HashSet<string> { SitePolicies.Custom }, false)));
    }

    [Fact]
    public void An_ip_list_is_required_when_the_policy_says_so()
    {
        var policy = new TokenPolicy(null, false, null, RequireIpList: true);

        Assert.Equal("ipList", Validate(new TokenDraft("ci", null, "ide-plugins"), policy)!.Field);
        Assert.Null(Validate(new TokenDraft("ci", null, "ide-plugins", AllowedAddresses: ["203.0.113.7"]), policy));
    }

    [Fact]
    public void Editing_an_expired_token_keeps_its_past_date_under_a_policy_that_requires_one()
    {
        var expired = new TokenDraft("old", Today.AddDays(-3), "ide-plugins");

        var edited = TokenDraftValidator.ValidateEdit(expired, expired with { Description = "renamed" }, Today, ThirtyDays);

        Assert.True(edited.Succeeded, edited.Error?.Message);
        Assert.Equal(Today.AddDays(-3), edited.Value!.ExpiresOn);
    }

    [Fact]
    public void Editing_a_token_that_never_expires_must_give_it_a_date_within_the_policy()
    {
        var never = new TokenDraft("old", null, "ide-plugins");

        Assert.Equal("expiresAt", TokenDraftValidator.ValidateEdit(never, never with { Description = "renamed" }, Today, ThirtyDays).Error!.Field);
        Assert.True(TokenDraftValidator.ValidateEdit(never, never with { ExpiresOn = Today.AddDays(30) }, Today, ThirtyDays).Succeeded);
    }

    [Fact]
    public void A_regenerated_expired_token_gets_the_policy_maximum_when_it_is_shorter_than_the_default()
    {
        var expired = new TokenDraft("old", Today.AddDays(-3), "ide-plugins");

        var regenerated = TokenDraftValidator.ValidateRegeneration(expired, expired, Today, ThirtyDays);

        Assert.Equal((Today.AddDays(30), true), (regenerated.Value!.ExpiresOn, regenerated.Value.ExpiryDefaulted));
        Assert.Equal(Today.AddDays(TokenLifetime.DefaultDays), TokenDraftValidator.ValidateRegeneration(expired, expired, Today, TokenPolicy.None).Value!.ExpiresOn);
    }

    [Fact]
    public void Regenerating_with_a_date_beyond_the_policy_is_refused()
    {
        var error = TokenDraftValidator.RegeneratedExpiry(Today.AddDays(10), TokenExpiry.On(Today.AddDays(90)), Today, ThirtyDays).Error;

        Assert.Equal("expiresAt", error!.Field);
        Assert.Contains("at most 30 days", error.Message);
    }

    [Fact]
    public void Quick_choices_follow_the_policy()
    {
        Assert.Equal([30], new int?[] { 30, 60, 90, 365, null }.Where(ThirtyDays.AllowsDays));
        Assert.Equal([30, 60, 90, 365, null], new int?[] { 30, 60, 90, 365, null }.Where(TokenPolicy.None.AllowsDays));
        Assert.Equal(Today.AddDays(30), ThirtyDays.DefaultExpiry(Today));
    }

    [Theory]
    [InlineData(0, null, "maxLifetimeDays")]
    [InlineData(-5, null, "maxLifetimeDays")]
    [InlineData(40000, null, "maxLifetimeDays")]
    [InlineData(null, "", "allowedPresets")]
    public void A_policy_that_contradicts_itself_names_its_field(int? maxDays, string? allowed, string field)
    {
        var policies = new SitePolicies(maxDays, AllowedPresets: allowed is null ? null : []);

        Assert.Equal(field, policies.Contradiction()!.Field);
    }
}
