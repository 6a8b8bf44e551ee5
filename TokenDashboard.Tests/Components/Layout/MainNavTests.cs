using Bunit;
using MudBlazor.Services;
using TokenDashboard.Components.Layout;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Components.Layout;

public sealed class MainNavTests : ComponentTest
{
    public MainNavTests()
    {
    }

    [Fact]
    public void Nav_links_to_the_dashboard_the_environments_and_the_api_docs()
    {
        var nav = Render<MainNav>();

        var links = nav.FindAll("nav a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();

        Assert.Equal([("Dashboard", "/"), ("Environments", "/environments"), ("API Docs", "/api-docs")], links);
    }
}
