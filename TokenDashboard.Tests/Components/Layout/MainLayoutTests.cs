using Bunit;
using Microsoft.AspNetCore.Components;
using TokenDashboard.Components.Layout;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Components.Layout;

public sealed class MainLayoutTests(ApiFixture app) : DashboardComponentTest(app), IClassFixture<ApiFixture>
{
    private IRenderedComponent<MainLayout> RenderLayout()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));
    }

    [Fact]
    public void Signed_in_user_sees_settings_button_and_user_menu()
    {
        var layout = RenderLayout();

        var settings = layout.Find("a[aria-label='Settings']");
        Assert.Equal("/settings", settings.GetAttribute("href"));
        Assert.Single(layout.FindAll("[aria-label='User menu']"));
        Assert.Contains("page body", layout.Markup);
    }

    [Fact]
    public async Task The_bell_counts_tokens_expiring_within_seven_days_and_links_each_to_its_token()
    {
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        var soon = (await Tokens.GenerateAsync(Demo, new TokenDraft("deploy bot", today.AddDays(2), "IDE Plugins"), AppFactory.DemoPassword)).Value!;
        await Tokens.GenerateAsync(Demo, new TokenDraft("far off", today.AddDays(30), "IDE Plugins"), AppFactory.DemoPassword);

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.Equal("Expiry reminders: 1 token", layout.Find(".td-expiry-bell .td-visually-hidden").TextContent));
        Assert.Empty(layout.FindAll(".td-expiry-bell .mud-menu-activator button")); // one control, not a button inside a button
        layout.Find(".td-expiry-bell .mud-menu-activator").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" }); // the mouse opens it through JS
        layout.WaitForAssertion(() =>
        {
            var item = layout.Find($"[data-reminder-token='{soon.Token.Id}']");
            Assert.Contains("deploy bot", item.TextContent);
            Assert.Contains("expires in 2 days", item.TextContent);
            Assert.Equal($"/settings/access-tokens?token={soon.Token.Id}", (item.GetAttribute("href") ?? item.QuerySelector("a")!.GetAttribute("href")));
        });
        Assert.DoesNotContain("far off", layout.Markup);
    }
}
