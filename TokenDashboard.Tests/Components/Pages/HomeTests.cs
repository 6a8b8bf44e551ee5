using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Components.Pages;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.Pages;

/// <summary>
/// The Dashboard on the real services of a started app: the demo account's environments (my-project, shop, staging),
/// its tokens, and a script calling the real API through the app's own pipeline.
/// </summary>
public sealed class HomeTests : DashboardComponentTest, IClassFixture<ApiFixture>
{
    private const string Password = AppFactory.DemoPassword;

    public HomeTests(ApiFixture app) : base(app)
    {
        Services.AddSingleton(App.Get<EnvironmentService>());
        Services.AddSingleton(App.Get<EnvironmentNotifier>());
    }

    private static string StatusOf(IRenderedComponent<ContainerFragment> cut, string name) =>
        cut.Find($"td[data-status-of='{name}']").TextContent.Trim();

    private static IReadOnlyList<IElement> AttentionRows(IRenderedComponent<ContainerFragment> cut) => cut.FindAll("tr[data-attention-token]");

    private async Task<IssuedToken> GenerateAsync(string description, int? daysLeft, string preset = "ide-plugins")
    {
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        var draft = new TokenDraft(description, daysLeft is { } days ? today.AddDays(days) : null, preset);
        return (await Tokens.GenerateAsync(Demo, draft, Password)).Value!;
    }

    [Fact]
    public async Task Shows_the_environments_live_and_a_stop_through_the_api_turns_one_stopped()
    {
        var token = await GenerateAsync("script", daysLeft: 90);
        using var script = App.CreateClient();
        var cut = RenderWithProviders<Home>();
        cut.WaitForAssertion(() => Assert.Equal(["my-project", "shop", "staging"], cut.FindAll(".td-env-name").Select(e => e.TextContent)));
        Assert.All(new[] { "my-project", "shop", "staging" }, name => Assert.Equal("Running", StatusOf(cut, name)));

        var answer = await script.GetApiAsync("environment.Control.StopEnv", token.Value, ("envName", "shop"));

        Assert.Equal(0, answer.Result);
        cut.WaitForAssertion(() => Assert.Equal("Stopped", StatusOf(cut, "shop")));
        Assert.Equal("Running", StatusOf(cut, "my-project"));
    }

    [Fact]
    public void The_environments_are_the_environments_pages_own_table()
    {
        var cut = RenderWithProviders<Home>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("td[data-status-of]").Count));
        Assert.Single(cut.FindComponents<TokenDashboard.Components.Environments.EnvironmentsTable>());
        Assert.Single(cut.FindAll("button[aria-label='Stop my-project']"));
    }

    [Fact]
    public async Task Shows_each_environments_nodes_at_a_glance_and_lists_them_on_expand()
    {
        var cut = RenderWithProviders<Home>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("td[data-status-of]").Count));

        Assert.Equal("4 nodes: NGINX, Tomcat ×2, MySQL", cut.Find("[data-nodes-of='my-project']").TextContent);
        Assert.Equal("5 nodes: NGINX, Node.js ×2, PostgreSQL, Redis", cut.Find("[data-nodes-of='shop']").TextContent);
        await cut.Find("button[aria-label='Show nodes of my-project']").ClickAsync(new());

        var items = cut.FindAll("ul[aria-label='Nodes of my-project'] li");
        Assert.Equal(4, items.Count);
        Assert.Contains("NGINX", items[0].TextContent);
        Assert.Contains("MySQL", items[3].TextContent);
    }

    [Fact]
    public async Task Lists_the_tokens_expiring_within_7_days_and_the_expired_but_no_others()
    {
        await GenerateAsync("expires tomorrow, then expired", daysLeft: 1);
        await GenerateAsync("in twelve days", daysLeft: 12);
        await GenerateAsync("never", daysLeft: null);
        App.Clock.Advance(TimeSpan.FromDays(3)); // the first is now 2 days past its date; the second has 9 days left
        var soon = await GenerateAsync("in five days", daysLeft: 5);
        await GenerateAsync("in eight days", daysLeft: 8);

        var cut = RenderWithProviders<Home>();

        cut.WaitForAssertion(() => Assert.Equal(2, AttentionRows(cut).Count));
        var rows = AttentionRows(cut);
        Assert.Contains("in five days", rows[0].TextContent);
        Assert.Contains("Expires in 5 days", rows[0].TextContent);
        Assert.Contains($"…{soon.Value[^4..]}", rows[0].TextContent);
        Assert.Equal($"/settings/access-tokens?token={soon.Token.Id}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("expires tomorrow, then expired", rows[1].TextContent);
        Assert.Contains("Expired", rows[1].TextContent);
    }

    [Fact]
    public async Task A_token_generated_elsewhere_that_expires_soon_appears_without_a_reload()
    {
        var cut = RenderWithProviders<Home>();
        cut.WaitForAssertion(() => Assert.Contains("No token expires within 7 days", cut.Markup));

        await GenerateAsync("short-lived", daysLeft: 2);

        cut.WaitForAssertion(() => Assert.Contains("short-lived", Assert.Single(AttentionRows(cut)).TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_example_stops_the_users_own_first_environment_on_this_server()
    {
        var cut = RenderWithProviders<Home>();

        cut.WaitForAssertion(() => Assert.Equal(
            "curl \"http://localhost/1.0/environment/control/rest/stopenv?envName=my-project&session=YOUR_TOKEN\"",
            cut.Find("[data-example='first-call']").TextContent));
        Assert.Single(cut.FindAll("button[aria-label='Copy the example']"));
    }

    [Fact]
    public async Task The_example_names_an_environment_of_the_user_when_my_project_is_not_one()
    {
        var environments = App.Get<EnvironmentService>();
        Assert.True((await environments.DeleteAsync(Demo, "my-project", Password)).Succeeded);

        var cut = RenderWithProviders<Home>();

        cut.WaitForAssertion(() => Assert.Contains("envName=shop&", cut.Find("[data-example='first-call']").TextContent));
    }
}
