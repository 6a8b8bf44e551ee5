using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.AccessTokens;

public sealed class TokenDialogTests(ApiFixture app) : DashboardComponentTest(app), IClassFixture<ApiFixture>
{
    private static readonly TokenPolicy Administrator = TokenPolicy.None with { HolderIsAdministrator = true };

    private IRenderedComponent<ContainerFragment> OpenDialog(TokenDraft? initial = null, TokenPolicy? policy = null)
    {
        var cut = RenderWithProviders<ContainerFragment>();
        var dialogs = Services.GetService(typeof(IDialogService)) as IDialogService;
        var parameters = new DialogParameters<TokenDialog>
        {
            { d => d.Mode, TokenDialogMode.Generate }, { d => d.Initial, initial }, { d => d.Policy, policy ?? TokenPolicy.None },
        };
        cut.InvokeAsync(() => dialogs!.ShowAsync<TokenDialog>("Generate", parameters));
        cut.WaitForElement(".td-method-list");
        return cut;
    }

    private static HashSet<string> CheckedMethods(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll(".td-method")
            .Where(m => m.QuerySelector("input[type=checkbox]")!.HasAttribute("checked"))
            .Select(m => m.QuerySelector("[title]")!.GetAttribute("title")!)
            .ToHashSet();

    private static void ChoosePreset(IRenderedComponent<ContainerFragment> cut, string name)
    {
        cut.FindComponents<MudSelect<string>>().Single().Find(".mud-select-input").MouseDown();
        cut.WaitForAssertion(() => cut.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == name).Click());
    }

    [Fact]
    public void New_token_starts_with_ide_plugins_and_ninety_days()
    {
        var cut = OpenDialog();

        Assert.True(CheckedMethods(cut).SetEquals(ApiCatalog.FindPreset("IDE Plugins")!.Methods));
        var today = App.Clock.GetUtcNow().UtcDateTime.Date;
        Assert.Contains(today.AddDays(90).ToString("dd-MM-yyyy"), cut.Markup);
    }

    [Theory]
    [InlineData("Maven Plugin")]
    [InlineData("Marketplace")]
    [InlineData("Extended Access")]
    public void Choosing_a_preset_checks_exactly_its_methods(string preset)
    {
        var cut = OpenDialog();

        ChoosePreset(cut, preset);

        cut.WaitForAssertion(() => Assert.True(CheckedMethods(cut).SetEquals(ApiCatalog.FindPreset(preset)!.Methods)));
    }

    [Fact]
    public void Changing_a_check_switches_to_custom()
    {
        var cut = OpenDialog();

        cut.FindAll(".td-method").First(m => m.QuerySelector("[title]")!.GetAttribute("title") == "environment.Control.DeleteEnv")
            .QuerySelector("input[type=checkbox]")!.Change(true);

        cut.WaitForAssertion(() => Assert.Equal("Custom", cut.FindComponents<MudSelect<string>>().Single().Instance.GetState(x => x.Value)));
        Assert.Contains("environment.Control.DeleteEnv", CheckedMethods(cut));
        Assert.Equal(ApiCatalog.FindPreset("IDE Plugins")!.Methods.Count + 1, CheckedMethods(cut).Count);
    }

    [Fact]
    public void The_count_reads_as_methods_checked_out_of_all_a_token_may_hold()
    {
        var cut = OpenDialog();

        Assert.Equal($"{ApiCatalog.FindPreset("IDE Plugins")!.Methods.Count} of {ApiCatalog.GrantableToAnyone.Count} methods checked",
            cut.Find(".td-method-count").TextContent.Trim());
    }

    private static List<string> Listed(IRenderedComponent<ContainerFragment> cut) =>
        cut.FindAll(".td-method").Select(m => m.QuerySelector("[title]")!.GetAttribute("title")!).ToList();

    [Fact]
    public void Someone_who_is_not_an_administrator_is_not_offered_the_administrators_methods()
    {
        var listed = Listed(OpenDialog());

        Assert.Contains(ApiCatalog.Grantable, m => m.Administrative);
        Assert.DoesNotContain(listed, name => ApiCatalog.Find(name)!.Administrative);
        Assert.Equal(ApiCatalog.GrantableToAnyone.Select(m => m.FullName), listed);
    }

    [Fact]
    public void An_administrator_is_offered_every_grantable_method_and_counts_them()
    {
        var cut = OpenDialog(policy: Administrator);

        Assert.Equal(ApiCatalog.Grantable.Select(m => m.FullName), Listed(cut));
        Assert.Equal($"{ApiCatalog.FindPreset("IDE Plugins")!.Methods.Count} of {ApiCatalog.Grantable.Count} methods checked",
            cut.Find(".td-method-count").TextContent.Trim());
    }

    [Fact]
    public void Each_method_has_an_announced_docs_link_in_the_tab_order()
    {
        var cut = OpenDialog(policy: Administrator);

        foreach (var method in ApiCatalog.Grantable)
        {
            var row = cut.FindAll(".td-method").Single(m => m.QuerySelector("[title]")!.GetAttribute("title") == method.FullName);
            var link = row.QuerySelector("a.td-docs-link")!;
            Assert.Equal($"/api-docs#{method.FullName}", link.GetAttribute("href"));
            Assert.Equal($"API Docs: {method.FullName}", link.GetAttribute("aria-label"));
            Assert.False(link.HasAttribute("tabindex") || link.HasAttribute("hidden") || link.HasAttribute("aria-hidden"));
        }
    }

    [Fact]
    public void Search_narrows_the_list_by_name_or_summary()
    {
        var cut = OpenDialog();

        var searchId = cut.FindAll("label").First(l => l.TextContent.Trim() == "Search").GetAttribute("for");
        cut.Find($"#{searchId}").Input("deploy");
        App.Clock.Advance(TimeSpan.FromMilliseconds(300)); // the search is debounced on the app's clock

        cut.WaitForAssertion(() =>
        {
            var shown = cut.FindAll(".td-method [title]").Select(e => e.GetAttribute("title")).ToList();
            Assert.Contains("environment.Deployment.Deploy", shown);
            Assert.Contains("environment.Deployment.Undeploy", shown);
            Assert.DoesNotContain("marketplace.App.GetList", shown);
            Assert.All(shown, name => Assert.True(
                name!.Contains("deploy", StringComparison.OrdinalIgnoreCase)
                || ApiCatalog.Find(name)!.Summary.Contains("deploy", StringComparison.OrdinalIgnoreCase)));
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Only_checked_shows_exactly_the_checked_methods()
    {
        var cut = OpenDialog(new TokenDraft("two", null, null, ["environment.Control.StopEnv", "marketplace.App.GetList"]));

        cut.FindComponents<MudSwitch<bool>>().Single().Find("input").Change(true);

        cut.WaitForAssertion(() =>
            Assert.Equal(["environment.Control.StopEnv", "marketplace.App.GetList"],
                cut.FindAll(".td-method [title]").Select(e => e.GetAttribute("title")).Order()));
    }

    [Fact]
    public void Past_date_is_refused_beside_the_field()
    {
        var cut = OpenDialog(new TokenDraft("old", new DateOnly(2001, 1, 1), "ide-plugins"));

        cut.FindAll(".mud-dialog button").Last(b => b.TextContent.Trim() == "Generate").Click();

        cut.WaitForAssertion(() => Assert.Contains("is in the past", cut.Markup));
        Assert.NotEmpty(cut.FindAll(".mud-dialog"));
    }

    [Fact]
    public void A_malformed_allowed_address_is_refused_beside_its_field()
    {
        var cut = OpenDialog(new TokenDraft("office", null, "ide-plugins", null, ["203.0.113.7"]));
        var fieldId = cut.FindAll("label").First(l => l.TextContent.Trim() == "Allowed addresses").GetAttribute("for");
        Assert.Equal("203.0.113.7", cut.Find($"#{fieldId}").GetAttribute("value") ?? cut.Find($"#{fieldId}").TextContent);

        cut.Find($"#{fieldId}").Input("203.0.113.7\n10.0.0.1/24");
        cut.FindAll(".mud-dialog button").Last(b => b.TextContent.Trim() == "Generate").Click();

        cut.WaitForAssertion(() => Assert.Contains("did you mean 10.0.0.0/24?", cut.Markup));
        var field = cut.FindAll(".mud-input-control").First(c => c.TextContent.Contains("Allowed addresses"));
        Assert.Contains("did you mean 10.0.0.0/24?", field.TextContent);
        Assert.NotEmpty(cut.FindAll(".mud-dialog"));
    }
}
