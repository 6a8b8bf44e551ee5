using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using TokenDashboard.Accounts;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.AccessTokens;

public sealed class AccessTokensTabTests(ApiFixture app) : DashboardComponentTest(app), IClassFixture<ApiFixture>
{
    private const string Password = AppFactory.DemoPassword;

    private async Task<IssuedToken> GenerateAsync(string description, Actor? actor = null, TokenDraft? draft = null) =>
        (await Tokens.GenerateAsync(actor ?? Demo, draft ?? new TokenDraft(description, null, "ide-plugins"), Password)).Value!;

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<ContainerFragment> cut) => cut.FindAll("tr.td-row");

    private static IElement Button(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll("button").First(b => b.TextContent.Trim() == text);

    private static IElement DialogButton(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll(".mud-dialog button").Last(b => b.TextContent.Trim() == text);

    private static void TypePassword(IRenderedComponent<ContainerFragment> cut, string password)
    {
        cut.Find(".mud-dialog input[type=password]").Input(password);
        DialogButton(cut, "Confirm").Click();
    }

    /// <summary>An empty tab, then Generate with a description, the password, and the value dialog open.</summary>
    private IRenderedComponent<ContainerFragment> GenerateUpToTheValue(string description)
    {
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Contains("No access tokens yet", cut.Markup));
        Button(cut, "Generate").Click();
        cut.WaitForElement(".mud-dialog");
        cut.Find(".mud-dialog input").Input(description);
        DialogButton(cut, "Generate").Click();
        cut.WaitForAssertion(() => Assert.Contains("Confirm with your password", cut.Markup));
        TypePassword(cut, Password);
        cut.WaitForElement(".td-token-value input");
        return cut;
    }

    [Fact]
    public async Task Grid_shows_only_the_signed_in_users_tokens()
    {
        await GenerateAsync("mine");
        var other = await App.CreateUserAsync($"other-{Guid.NewGuid():N}@example.com");
        await GenerateAsync("theirs", other);

        var cut = RenderWithProviders<AccessTokensTab>();

        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        Assert.Contains("mine", cut.Markup);
        Assert.DoesNotContain("theirs", cut.Markup);
        Assert.Contains("IDE Plugins", Rows(cut)[0].TextContent);
        Assert.Contains("Never", Rows(cut)[0].TextContent);
    }

    [Fact]
    public async Task Grid_shows_each_tokens_hint_and_created_date()
    {
        var first = await GenerateAsync("first");
        App.Clock.Advance(TimeSpan.FromDays(3));
        var second = await GenerateAsync("second");

        var cut = RenderWithProviders<AccessTokensTab>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var headers = cut.FindAll("th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Token", headers);
        Assert.Contains("Created", headers);
        foreach (var (issued, created) in new[] { (first, App.Clock.GetUtcNow().AddDays(-3)), (second, App.Clock.GetUtcNow()) })
        {
            var row = Rows(cut).Single(r => r.TextContent.Contains(issued.Token.Description));
            Assert.Equal($"…{issued.Value[^4..]}", row.QuerySelector(".td-token-hint")!.TextContent);
            // "02 Dec 2026", never "02-12-2026" (December 2nd or February 12th?).
            Assert.Contains(created.ToString("dd MMM yyyy", CultureInfo.InvariantCulture), row.TextContent);
            Assert.DoesNotContain(created.ToString("dd-MM-yyyy"), row.TextContent);
        }
        Assert.DoesNotContain(first.Value, cut.Markup);
    }

    [Fact]
    public async Task The_token_generated_snackbar_appears_only_after_the_value_dialog_closes()
    {
        var cut = GenerateUpToTheValue("Snackbar later");

        await Task.Delay(200); // a snackbar shown too early would be in the markup by now
        Assert.DoesNotContain("Token generated.", cut.Markup);
        DialogButton(cut, "Download").Click();
        DialogButton(cut, "Close").Click();

        cut.WaitForAssertion(() => Assert.Contains("Token generated.", cut.Markup));
        Assert.Empty(cut.FindAll(".td-token-value"));
    }

    [Fact]
    public void Escape_on_the_value_dialog_asks_have_you_saved_it_like_close_does()
    {
        var cut = GenerateUpToTheValue("Escape asks");

        // What the page's Escape listener calls (the browser test presses the key itself).
        cut.InvokeAsync(() => cut.FindComponent<ShowOnceDialog>().Instance.EscapePressed());

        cut.WaitForAssertion(() => Assert.Contains("Have you saved it?", cut.Markup));
        Assert.NotEmpty(cut.FindAll(".td-token-value")); // still open behind the question
        DialogButton(cut, "Go back").Click();
        cut.WaitForAssertion(() => Assert.DoesNotContain("Have you saved it?", cut.Markup));
        Assert.NotEmpty(cut.FindAll(".td-token-value"));
        Assert.DoesNotContain("Token generated.", cut.Markup);
    }

    [Fact]
    public void Empty_grid_invites_to_generate()
    {
        var cut = RenderWithProviders<AccessTokensTab>();

        cut.WaitForAssertion(() => Assert.Contains("No access tokens yet", cut.Markup));
        Assert.False(Button(cut, "Generate a token").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Selection_rules_drive_the_toolbar()
    {
        for (var i = 1; i <= 5; i++)
        {
            await GenerateAsync($"token {i}");
        }
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Equal(5, Rows(cut).Count));
        bool Enabled(string text) => !Button(cut, text).HasAttribute("disabled");

        Assert.False(Enabled("Edit") || Enabled("Duplicate") || Enabled("Remove"));

        Rows(cut)[0].Click();
        Assert.True(Enabled("Edit") && Enabled("Duplicate") && Enabled("Remove"));

        Rows(cut)[3].Click(new MouseEventArgs { ShiftKey = true });
        Assert.Equal(4, cut.FindAll("tr.td-row-selected").Count);
        Assert.False(Enabled("Edit") || Enabled("Duplicate"));
        Assert.True(Enabled("Remove"));

        Rows(cut)[1].Click(new MouseEventArgs { CtrlKey = true });
        Assert.Equal(3, cut.FindAll("tr.td-row-selected").Count);

        Rows(cut)[4].Click();
        Rows(cut)[2].Click(new MouseEventArgs { ShiftKey = true });
        Assert.Equal(["token 1", "token 2", "token 3"], SelectedDescriptions(cut));

        await cut.InvokeAsync(() => cut.FindComponent<AccessTokensTab>().Instance.SelectAllFromKeyboard());
        Assert.Equal(5, cut.FindAll("tr.td-row-selected").Count);
    }

    [Fact]
    public async Task Generate_then_password_shows_a_value_that_validates()
    {
        var cut = GenerateUpToTheValue("From the tab");

        var value = cut.Find(".td-token-value input").GetAttribute("value")!;
        Assert.StartsWith("tdt_", value);
        var validation = await Validator.ValidateAsync(value);
        Assert.Equal(Demo.UserId, validation.Token!.UserId);
        Assert.Equal("From the tab", Assert.Single(await Tokens.ListAsync(Demo.UserId)).Description);
    }

    [Fact]
    public async Task Wrong_password_keeps_the_dialog_open_with_the_error_and_changes_nothing()
    {
        var kept = await GenerateAsync("keep me");
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Rows(cut)[0].Click();
        Button(cut, "Remove").Click();
        cut.WaitForAssertion(() => Assert.Contains("Remove 1 token?", cut.Markup));
        DialogButton(cut, "Remove").Click();
        cut.WaitForAssertion(() => Assert.Contains("Confirm with your password", cut.Markup));
        TypePassword(cut, "not my password");

        cut.WaitForAssertion(() => Assert.Contains("Wrong password. Nothing was changed.", cut.Markup));
        Assert.Contains("Confirm with your password", cut.Markup);
        Assert.NotNull((await Validator.ValidateAsync(kept.Value)).Token);
        Assert.Single(await Tokens.ListAsync(Demo.UserId));
    }

    [Fact]
    public async Task Edit_then_regenerate_invalidates_the_old_value()
    {
        var original = await GenerateAsync("rotate me");
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Rows(cut)[0].Click();
        Button(cut, "Edit").Click();
        cut.WaitForAssertion(() => Assert.Contains("Edit Access Token", cut.Markup));
        Assert.Equal("rotate me", cut.Find(".mud-dialog input").GetAttribute("value"));
        DialogButton(cut, "Regenerate token").Click();
        cut.WaitForAssertion(() => Assert.Contains("Confirm with your password", cut.Markup));
        TypePassword(cut, Password);

        var fresh = cut.WaitForElement(".td-token-value input").GetAttribute("value")!;
        Assert.Equal(TokenRejection.Unknown, (await Validator.ValidateAsync(original.Value)).Rejection);
        Assert.NotNull((await Validator.ValidateAsync(fresh)).Token);
    }

    [Fact]
    public async Task Duplicate_prefills_the_dialog_and_makes_a_new_token_with_the_same_methods_and_says_so()
    {
        await GenerateAsync("source", draft: new TokenDraft("source", null, null, ["environment.Control.GetEnvs", "users.Account.GetUserInfo"]));
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Rows(cut)[0].Click();
        Button(cut, "Duplicate").Click();
        cut.WaitForAssertion(() => Assert.Contains("Duplicate Access Token", cut.Markup));
        Assert.Equal("source (copy)", cut.Find(".mud-dialog input").GetAttribute("value"));
        Assert.Contains("2 of", cut.Find(".td-method-count").TextContent);
        DialogButton(cut, "Duplicate").Click();
        TypePassword(cut, Password);
        cut.WaitForElement(".td-token-value input");

        var tokens = await Tokens.ListAsync(Demo.UserId);
        Assert.Equal(["source", "source (copy)"], tokens.Select(t => t.Description).Order());
        Assert.All(tokens, t => Assert.Equal(["environment.Control.GetEnvs", "users.Account.GetUserInfo"], t.Methods.Order()));
        Assert.Equal(2, tokens.Select(t => t.Hint).Distinct().Count());
        DialogButton(cut, "Download").Click();
        DialogButton(cut, "Close").Click();
        cut.WaitForAssertion(() => Assert.Contains("Token duplicated.", cut.Markup));
    }

    [Fact]
    public async Task Remove_of_several_rows_after_confirmation_removes_exactly_those()
    {
        var issued = new List<IssuedToken>();
        for (var i = 1; i <= 4; i++)
        {
            issued.Add(await GenerateAsync($"token {i}"));
        }
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Equal(4, Rows(cut).Count));

        Rows(cut)[0].Click();
        Rows(cut)[2].Click(new MouseEventArgs { CtrlKey = true });
        var chosen = SelectedDescriptions(cut);
        Button(cut, "Remove").Click();
        cut.WaitForAssertion(() => Assert.Contains("Remove 2 tokens?", cut.Markup));
        Assert.Equal(chosen, cut.FindAll(".td-remove-list li").Select(li => li.TextContent).Order());
        DialogButton(cut, "Remove").Click();
        cut.WaitForAssertion(() => Assert.Contains("Confirm with your password", cut.Markup));
        TypePassword(cut, Password);

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var left = (await Tokens.ListAsync(Demo.UserId)).Select(t => t.Description).Order().ToList();
        Assert.Equal(new[] { "token 1", "token 2", "token 3", "token 4" }.Except(chosen), left);
    }

    [Fact]
    public async Task The_filter_narrows_the_grid_says_how_many_it_shows_and_hidden_rows_leave_the_selection()
    {
        for (var i = 1; i <= 11; i++)
        {
            await GenerateAsync($"Token {i}");
        }
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Equal(11, Rows(cut).Count));
        Assert.Equal("11 tokens", cut.Find(".td-filter-count").TextContent);
        await cut.InvokeAsync(() => cut.FindComponent<AccessTokensTab>().Instance.SelectAllFromKeyboard());

        cut.Find("input.td-filter-input").Input("TOKEN 1");

        Assert.Equal(["Token 1", "Token 10", "Token 11"], Descriptions(cut).Order());
        Assert.Equal("3 of 11 tokens", cut.Find(".td-filter-count").TextContent);
        Assert.Equal(3, cut.FindAll("tr.td-row-selected").Count); // Delete would remove only what is shown

        cut.Find("input.td-filter-input").Input("no such token");
        cut.WaitForAssertion(() => Assert.Contains("No token matches “no such token”.", cut.Markup));
        Assert.Equal("0 of 11 tokens", cut.Find(".td-filter-count").TextContent);
        Button(cut, "Clear the filter").Click();
        Assert.Equal(11, Rows(cut).Count);
    }

    [Fact]
    public async Task Sorting_by_description_puts_2_before_10_and_the_header_says_so()
    {
        foreach (var name in new[] { "Token 10", "Token 2", "Token 1" })
        {
            await GenerateAsync(name);
        }
        var cut = RenderWithProviders<AccessTokensTab>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        IElement Header() => cut.FindAll("th").Single(h => h.TextContent.Trim() == "Description");

        cut.Find("button[aria-label='Sort by Description']").Click();
        Assert.Equal(["Token 1", "Token 2", "Token 10"], Descriptions(cut));
        Assert.Equal("ascending", Header().GetAttribute("aria-sort"));

        cut.Find("button[aria-label='Sort by Description']").Click();
        Assert.Equal(["Token 10", "Token 2", "Token 1"], Descriptions(cut));
        Assert.Equal("descending", Header().GetAttribute("aria-sort"));

        // Shift-click ranges follow the order on the screen: from "Token 10" to "Token 2" is those two only.
        Rows(cut)[0].Click();
        Rows(cut)[1].Click(new MouseEventArgs { ShiftKey = true });
        Assert.Equal(["Token 10", "Token 2"], SelectedDescriptions(cut));
    }

    private static List<string> Descriptions(IRenderedComponent<ContainerFragment> cut) =>
        Rows(cut).Select(r => r.QuerySelector(".td-link-button")!.TextContent.Trim()).ToList();

    private static List<string> SelectedDescriptions(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll("tr.td-row-selected").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).Order().ToList();
}
