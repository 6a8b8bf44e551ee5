using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Components.Settings;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Components.Settings;

/// <summary>
/// The Settings page's tabs: picking one is a navigation, also now that the page ignores the index changes MudTabs
/// reports while its panels are disposed. (That disposal path is not reproduced here: bUnit's disposal of the page
/// did not call the callback, with or without the guard.)
/// </summary>
public sealed class SettingsPageTests(ApiFixture app) : DashboardComponentTest(app), IClassFixture<ApiFixture>
{
    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    [Fact]
    public void Picking_a_tab_navigates_to_its_address()
    {
        var cut = RenderWithProviders<SettingsPage>(new Dictionary<string, object> { ["Tab"] = "activity" });

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Sessions")).Click();

        Assert.EndsWith("/settings/sessions", Navigation.History.First().Uri);
    }
}
