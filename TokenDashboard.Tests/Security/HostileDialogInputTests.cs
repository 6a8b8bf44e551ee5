using Bunit;
using MudBlazor;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Security;

/// <summary>The token dialog's fields and the grid, fed hostile text: a message beside the field, or text shown as text.</summary>
public sealed class HostileDialogInputTests(ApiFixture app) : DashboardComponentTest(app), IClassFixture<ApiFixture>
{
    private IRenderedComponent<ContainerFragment> OpenGenerateDialog()
    {
        var cut = RenderWithProviders<ContainerFragment>();
        var dialogs = (IDialogService)Services.GetService(typeof(IDialogService))!;
        var parameters = new DialogParameters<TokenDialog> { { d => d.Mode, TokenDialogMode.Generate } };
        cut.InvokeAsync(() => dialogs.ShowAsync<TokenDialog>("Generate", parameters));
        cut.WaitForElement(".td-method-list");
        return cut;
    }

    private static void Submit(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll(".mud-dialog button").Last(b => b.TextContent.Trim() == "Generate").Click();

    [Theory]
    [InlineData("", "Enter a description.")]
    [InlineData("   \t ", "Enter a description.")]
    [InlineData("a\u0007b", "control characters")]
    [InlineData("10k", "at most 100 are allowed")]
    public void Bad_description_is_refused_beside_the_field(string description, string message)
    {
        var cut = OpenGenerateDialog();
        var text = description == "10k" ? new string('x', 10_000) : description;

        cut.Find(".mud-dialog input").Input(text);
        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find(".mud-dialog .mud-input-helper-text").TextContent));
        Assert.NotEmpty(cut.FindAll(".mud-dialog"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<b onmouseover=alert(1)>bold</b>")]
    [InlineData("'; DROP TABLE AspNetUsers; --")]
    [InlineData("\u202Eevil\u202C 😀")]
    public async Task Odd_but_valid_descriptions_are_stored_and_shown_as_text(string description)
    {
        await Tokens.GenerateAsync(Demo, new TokenDraft(description, null, "ide-plugins"), AppFactory.DemoPassword);

        var cut = RenderWithProviders<AccessTokensTab>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.td-row")));
        var cell = cut.FindAll("tr.td-row td")[1];
        Assert.Equal(description, cell.TextContent.Trim());
        Assert.Empty(cell.QuerySelectorAll("script, b"));
        Assert.Equal(description, Assert.Single(await Tokens.ListAsync(Demo.UserId)).Description);
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData(".*[(")]
    [InlineData("' OR 1=1 --")]
    public void Hostile_search_text_finds_nothing_and_breaks_nothing(string search)
    {
        var cut = OpenGenerateDialog();
        var searchId = cut.FindAll("label").First(l => l.TextContent.Trim() == "Search").GetAttribute("for");

        cut.Find($"#{searchId}").Input(search);
        App.Clock.Advance(TimeSpan.FromMilliseconds(300));

        cut.WaitForAssertion(() => Assert.Contains("No method matches the search.", cut.Markup));
    }
}
