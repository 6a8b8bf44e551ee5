using AngleSharp.Dom;
using Bunit;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.AccessTokens;

/// <summary>
/// The Edit dialog of an expired token: it says when the token expired, lets the description and methods change
/// without reviving the dead value, and brings the token back only through Regenerate — with the date chosen in the
/// dialog, or the default lifetime, which the dialog and the new value's dialog both name.
/// </summary>
public sealed class ExpiredTokenDialogTests(ApiFixture app) : DashboardComponentTest(app), IClassFixture<ApiFixture>
{
    private const string Password = AppFactory.DemoPassword;

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);

    /// <summary>A token that expired yesterday: issued to expire tomorrow, then two days pass.</summary>
    private async Task<IssuedToken> ExpiredTokenAsync(string description = "stale")
    {
        var issued = (await Tokens.GenerateAsync(Demo, new TokenDraft(description, Today.AddDays(1), "ide-plugins"), Password)).Value!;
        App.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(TokenRejection.Expired, (await Validator.ValidateAsync(issued.Value)).Rejection);
        return issued;
    }

    private IRenderedComponent<ContainerFragment> OpenEdit()
    {
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.td-row")));
        cut.FindAll("tr.td-row")[0].Click();
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Edit").Click();
        cut.WaitForAssertion(() => Assert.Contains("Edit Access Token", cut.Markup));
        return cut;
    }

    private static IElement DialogButton(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll(".mud-dialog button").Last(b => b.TextContent.Trim() == text);

    private static void ConfirmWithPassword(IRenderedComponent<ContainerFragment> cut)
    {
        cut.WaitForAssertion(() => Assert.Contains("Confirm with your password", cut.Markup));
        cut.Find(".mud-dialog input[type=password]").Input(Password);
        DialogButton(cut, "Confirm").Click();
    }

    [Fact]
    public async Task The_dialog_says_when_it_expired_and_offers_to_regenerate_with_the_default_lifetime()
    {
        var token = await ExpiredTokenAsync();

        var cut = OpenEdit();

        var alert = cut.Find(".td-expired").TextContent;
        Assert.Contains($"Expired on {token.Token.ExpiresOn:dd-MM-yyyy} — regenerate to use it again", alert);
        Assert.Contains($"The new value expires on {Today.AddDays(90):dd-MM-yyyy}, the default 90 days from today", alert);
        Assert.Single(cut.Find(".td-expired").QuerySelectorAll("button"), b => b.TextContent.Trim() == "Regenerate token" && !b.HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_new_date_alone_is_refused_beside_the_field_and_the_old_value_stays_dead()
    {
        var token = await ExpiredTokenAsync();
        var cut = OpenEdit();

        DialogButton(cut, "1 year").Click();
        DialogButton(cut, "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-input-error"), e => e.TextContent.Contains("only with a new value")));
        Assert.DoesNotContain("Confirm with your password", cut.Markup);
        Assert.Equal(token.Token.ExpiresOn, (await Tokens.GetAsync(Demo.UserId, token.Token.Id))!.ExpiresOn);
        Assert.Equal(TokenRejection.Expired, (await Validator.ValidateAsync(token.Value)).Rejection);
        // The alert now names the chosen date for the regeneration it offers.
        Assert.Contains($"The new value expires on {Today.AddDays(365):dd-MM-yyyy}.", cut.Find(".td-expired").TextContent);
    }

    [Fact]
    public async Task Description_and_methods_can_change_while_the_value_stays_dead()
    {
        var token = await ExpiredTokenAsync();
        var cut = OpenEdit();

        cut.Find(".mud-dialog input").Input("renamed");
        DialogButton(cut, "Save").Click();
        ConfirmWithPassword(cut);

        cut.WaitForAssertion(() => Assert.Contains("Token saved.", cut.Markup));
        var saved = (await Tokens.GetAsync(Demo.UserId, token.Token.Id))!;
        Assert.Equal(("renamed", token.Token.ExpiresOn), (saved.Description, saved.ExpiresOn));
        Assert.Equal(TokenRejection.Expired, (await Validator.ValidateAsync(token.Value)).Rejection);
    }

    [Fact]
    public async Task Regenerate_gives_a_value_that_works_at_once_for_the_default_90_days_and_says_so()
    {
        var token = await ExpiredTokenAsync();
        var cut = OpenEdit();

        cut.Find(".td-expired").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Regenerate token").Click();
        ConfirmWithPassword(cut);

        var fresh = cut.WaitForElement(".td-token-value input").GetAttribute("value")!;
        Assert.Contains($"expires on {Today.AddDays(90):dd-MM-yyyy}, the default 90 days from today", cut.Find(".td-notice").TextContent);
        Assert.NotNull((await Validator.ValidateAsync(fresh)).Token);
        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(token.Value)).Rejection);
        Assert.Equal(Today.AddDays(90), (await Tokens.GetAsync(Demo.UserId, token.Token.Id))!.ExpiresOn);
    }

    [Fact]
    public async Task Regenerate_takes_the_date_and_description_typed_in_the_dialog()
    {
        var token = await ExpiredTokenAsync();
        var cut = OpenEdit();

        cut.Find(".mud-dialog input").Input("back again");
        DialogButton(cut, "30 days").Click();
        cut.Find(".td-expired").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Regenerate token").Click();
        ConfirmWithPassword(cut);

        var fresh = cut.WaitForElement(".td-token-value input").GetAttribute("value")!;
        Assert.Empty(cut.FindAll(".td-notice"));
        var saved = (await Tokens.GetAsync(Demo.UserId, token.Token.Id))!;
        Assert.Equal((Today.AddDays(30), "back again"), (saved.ExpiresOn, saved.Description));
        Assert.NotNull((await Validator.ValidateAsync(fresh)).Token);
    }

    [Fact]
    public async Task Regenerate_of_a_live_token_takes_a_date_typed_in_the_dialog_too()
    {
        var live = (await Tokens.GenerateAsync(Demo, new TokenDraft("live", Today.AddDays(5), "ide-plugins"), Password)).Value!;
        var cut = OpenEdit();

        Assert.Empty(cut.FindAll(".td-expired"));
        DialogButton(cut, "1 year").Click();
        cut.WaitForAssertion(() => Assert.Contains($"The new value expires on {Today.AddDays(365):dd-MM-yyyy}.", cut.Markup));
        DialogButton(cut, "Regenerate token").Click();
        ConfirmWithPassword(cut);

        cut.WaitForElement(".td-token-value input");
        Assert.Equal(Today.AddDays(365), (await Tokens.GetAsync(Demo.UserId, live.Token.Id))!.ExpiresOn);
        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(live.Value)).Rejection);
    }
}
