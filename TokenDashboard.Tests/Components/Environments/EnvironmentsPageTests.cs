using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TokenDashboard.Components.Environments;
using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Components.Environments;

/// <summary>
/// The page on the real EnvironmentService and notifier of a started app (real SQLite), while a script calls the
/// real API over HTTP with a real token.
/// </summary>
public sealed class EnvironmentsPageTests : ComponentTest
{
    private readonly ApiFixture app = new();
    private readonly Bunit.TestDoubles.BunitAuthorizationContext authorization;
    private ApiUser user = default!;

    public EnvironmentsPageTests()
    {
        authorization = AddAuthorization();
        Services.AddSingleton(app.Factory.Get<EnvironmentService>());
        Services.AddSingleton(app.Factory.Get<EnvironmentNotifier>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static string StatusOf(IRenderedComponent<EnvironmentsPage> page, string name) =>
        page.Find($"td[data-status-of='{name}']").TextContent.Trim();

    [Fact]
    public void Lists_the_signed_in_users_environments_with_their_status()
    {
        var page = Render<EnvironmentsPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("td[data-status-of]").Count));
        Assert.Equal(["my-project", "shop", "staging"], page.FindAll(".td-env-name").Select(e => e.TextContent));
        Assert.All(new[] { "my-project", "shop", "staging" }, name => Assert.Equal("Running", StatusOf(page, name)));
    }

    [Fact]
    public async Task Updates_without_reload_when_the_api_stops_an_environment()
    {
        var token = await user.TokenAsync("IDE Plugins");
        var page = Render<EnvironmentsPage>();
        page.WaitForAssertion(() => Assert.Equal("Running", StatusOf(page, "my-project")));

        var response = await app.Client.GetStringAsync($"/1.0/environment/control/rest/stopenv?envName=my-project&session={token}");

        Assert.Equal("""{"result":0}""", response);
        page.WaitForAssertion(() => Assert.Equal("Stopped", StatusOf(page, "my-project")));
        Assert.Equal("Running", StatusOf(page, "shop"));
    }

    [Fact]
    public async Task Shows_environments_that_the_api_creates()
    {
        var token = await user.TokenAsync();
        var page = Render<EnvironmentsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("td[data-status-of]").Count));

        await app.Client.GetApiAsync("marketplace.App.Install", token, ("id", "ghost"), ("envName", "my-blog"));

        page.WaitForAssertion(() => Assert.Equal("Running", StatusOf(page, "my-blog")));
    }

    [Fact]
    public async Task Stop_button_stops_the_environment_as_the_signed_in_user()
    {
        var page = Render<EnvironmentsPage>();
        page.WaitForAssertion(() => Assert.Equal("Running", StatusOf(page, "shop")));

        await page.Find("button[aria-label='Stop shop']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Stopped", StatusOf(page, "shop")));
        Assert.Equal(EnvironmentStatus.Stopped, await user.StatusAsync("shop"));
        Assert.True(page.Find("button[aria-label='Stop shop']").HasAttribute("disabled"));
        Assert.False(page.Find("button[aria-label='Start shop']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Sleep_then_Start_buttons_move_the_status_and_say_what_they_did()
    {
        Services.GetRequiredService<MudBlazor.ISnackbar>().Configuration.VisibleStateDuration = 120_000; // still listed when asserted
        var page = Render<EnvironmentsPage>();
        page.WaitForAssertion(() => Assert.Equal("Running", StatusOf(page, "staging")));

        await page.Find("button[aria-label='Sleep staging']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("Sleeping", StatusOf(page, "staging")));
        await page.Find("button[aria-label='Start staging']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Running", StatusOf(page, "staging")));
        Assert.Equal(EnvironmentStatus.Running, await user.StatusAsync("staging"));
        // Each button says what it did, not only the chip (which changes silently for a screen reader).
        Assert.Equal(["staging is asleep.", "staging started."],
            Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Select(s => s.Message).Order());
    }

    [Fact]
    public async Task Each_environment_shows_its_nodes_at_a_glance_and_lists_them_on_expand()
    {
        await app.Factory.Get<EnvironmentService>().CreateAsync(user.UserId, new EnvironmentDraft("balanced",
            Nodes: [new("nginx"), new("tomcat", Count: 2), new("mysql")]));
        var page = Render<EnvironmentsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("td[data-status-of]").Count));

        Assert.Equal("4 nodes: NGINX, Tomcat ×2, MySQL", page.Find("[data-nodes-of='balanced']").TextContent);
        Assert.Equal("1 node: Tomcat", page.Find("[data-nodes-of='shop']").TextContent);
        var toggle = page.Find("button[aria-label='Show nodes of balanced']");
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Empty(page.FindAll("ul[aria-label='Nodes of balanced'] li"));

        await toggle.ClickAsync(new());

        var expanded = page.Find("button[aria-label='Hide nodes of balanced']");
        Assert.Equal("true", expanded.GetAttribute("aria-expanded"));
        var list = page.Find("ul[aria-label='Nodes of balanced']");
        Assert.Equal(list.Id, expanded.GetAttribute("aria-controls"));
        Assert.Equal(4, list.QuerySelectorAll("li").Length);
        Assert.Contains("Tomcat", list.QuerySelectorAll("li")[1].TextContent);
        Assert.Contains("running", list.TextContent);
        Assert.Empty(page.FindAll("ul[aria-label='Nodes of shop']")); // only the one expanded

        await app.Factory.Get<EnvironmentService>().StopAsync(user.UserId, "balanced");
        page.WaitForAssertion(() => Assert.Contains("stopped", page.Find("ul[aria-label='Nodes of balanced']").TextContent));

        await page.Find("button[aria-label='Hide nodes of balanced']").ClickAsync(new());
        Assert.Empty(page.FindAll("ul[aria-label='Nodes of balanced']"));
    }

    [Fact]
    public async Task Another_users_environments_never_appear()
    {
        var other = await app.NewUserAsync("not-yours");
        var page = Render<EnvironmentsPage>();

        await app.Factory.Get<EnvironmentService>().StopAsync(other.UserId, "not-yours");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("td[data-status-of]").Count));
        Assert.DoesNotContain("not-yours", page.Markup);
    }

    [Fact]
    public async Task Leaving_the_page_ends_its_subscription()
    {
        var notifier = app.Factory.Get<EnvironmentNotifier>();
        Render<EnvironmentsPage>();
        Assert.Equal(1, notifier.SubscriberCount(user.UserId));

        await DisposeComponentsAsync();

        Assert.Equal(0, notifier.SubscriberCount(user.UserId));
    }

    public override async Task InitializeAsync()
    {
        await app.InitializeAsync();
        user = await app.NewUserAsync();
        authorization.SetAuthorized(user.Email);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.UserId));
    }

    protected override async ValueTask DisposeOwnedAsync() => await app.DisposeAsync();
}
