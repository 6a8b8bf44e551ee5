using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using TokenDashboard.Accounts.Policies;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.AccessTokens;

/// <summary>The token dialog under the administrators' policy: it offers only what the policy allows and says why beside the field.</summary>
public sealed class TokenDialogPolicyTests : DashboardComponentTest
{
    private DateTime Today => App.Clock.GetUtcNow().UtcDateTime.Date;

    private async Task SetPolicyAsync(SitePolicies policies)
    {
        var saved = await App.Get<PolicyAdministration>().SetAsync(Demo, policies, AppFactory.DemoPassword, applyToExisting: false);
        Assert.True(saved.Succeeded, saved.Error?.Message);
    }

    private static IReadOnlyList<string> QuickChoices(IRenderedComponent<ContainerFragment> cut) =>
        [.. cut.FindAll("[aria-label='Quick expiry choices'] button").Select(b => b.TextContent.Trim())];

    [Fact]
    public async Task Generate_under_a_thirty_day_policy_offers_only_dates_within_it_and_says_why()
    {
        await SetPolicyAsync(new SitePolicies(MaxLifetimeDays: 30));
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Contains("No access tokens yet", cut.Markup));

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Generate").Click();
        cut.WaitForElement(".mud-dialog .td-method-list");

        Assert.Equal(["30 days"], QuickChoices(cut));
        Assert.Contains($"Token policy: at most 30 days (until {Today.AddDays(30):dd-MM-yyyy}).", cut.Find(".td-expires-field").TextContent);
        Assert.Contains(Today.AddDays(30).ToString("dd-MM-yyyy"), cut.Find(".td-expires-field input").GetAttribute("value"));
        Assert.DoesNotContain("This token will never expire", cut.Markup);
    }

    [Fact]
    public void A_ninety_day_date_is_refused_beside_the_date_field_with_the_policy_as_the_reason()
    {
        var cut = RenderWithProviders<ContainerFragment>();
        var dialogs = (IDialogService)Services.GetService(typeof(IDialogService))!;
        var parameters = new DialogParameters<TokenDialog>
        {
            { d => d.Mode, TokenDialogMode.Copy },
            { d => d.Initial, new TokenDraft("deploy (copy)", DateOnly.FromDateTime(Today.AddDays(90)), "ide-plugins") },
            { d => d.Policy, new TokenPolicy(30, false, null, false) },
        };
        cut.InvokeAsync(() => dialogs.ShowAsync<TokenDialog>("Duplicate", parameters));
        cut.WaitForElement(".td-method-list");

        cut.FindAll(".mud-dialog button").Last(b => b.TextContent.Trim() == "Duplicate").Click();

        cut.WaitForAssertion(() => Assert.Contains("the token policy allows at most 30 days", cut.Find(".td-expires-field").TextContent));
        Assert.Contains(Today.AddDays(90).ToString("dd-MM-yyyy"), cut.Find(".td-expires-field input").GetAttribute("value"));
    }

    [Fact]
    public void Presets_the_policy_does_not_allow_are_offered_disabled_and_a_new_token_starts_with_an_allowed_one()
    {
        var cut = RenderWithProviders<ContainerFragment>();
        var dialogs = (IDialogService)Services.GetService(typeof(IDialogService))!;
        var parameters = new DialogParameters<TokenDialog>
        {
            { d => d.Mode, TokenDialogMode.Generate },
            { d => d.Policy, new TokenPolicy(null, true, new HashSet<string> { "maven-plugin" }, RequireIpList: true) },
        };
        cut.InvokeAsync(() => dialogs.ShowAsync<TokenDialog>("Generate", parameters));
        cut.WaitForElement(".td-method-list");

        Assert.Equal("Maven Plugin", cut.FindComponents<MudSelect<string>>().Single().Instance.GetState(x => x.Value));
        Assert.DoesNotContain("Never", QuickChoices(cut));
        Assert.Contains("Token policy: an expiry date is required.", cut.Find(".td-expires-field").TextContent);
        Assert.Contains("Required by the token policy", cut.Markup);
        cut.FindComponents<MudSelect<string>>().Single().Find(".mud-select-input").MouseDown();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-list-item"), i => i.TextContent.Contains("IDE Plugins (not allowed by the token policy)")));
    }
}
