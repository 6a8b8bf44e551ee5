using Bunit;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Components.Layout;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Components.Layout;

public sealed class MainNavTests : ComponentTest
{
    private List<(string Text, string? Href)> Links() =>
        Render<MainNav>().FindAll("nav a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();

    [Fact]
    public void Nav_links_to_the_dashboard_the_environments_and_the_api_docs()
    {
        AddAuthorization().SetAuthorized("someone@example.com");

        Assert.Equal([("Dashboard", "/"), ("Environments", "/environments"), ("API Docs", "/api-docs")], Links());
    }

    [Fact]
    public void An_administrator_also_finds_the_admin_area()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("admin@example.com");
        authorization.SetPolicies(AdminRole.Policy);

        Assert.Equal([("Dashboard", "/"), ("Environments", "/environments"), ("API Docs", "/api-docs"), ("Admin", "/admin")], Links());
    }
}
