using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TokenDashboard.Components.Layout;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Components.Layout;

public sealed class MainLayoutTests : ComponentTest
{
    public MainLayoutTests()
    {
        authorization = AddAuthorization();
    }

    private readonly Bunit.TestDoubles.BunitAuthorizationContext authorization;

    [Fact]
    public void Signed_in_user_sees_settings_button_and_user_menu()
    {
        authorization.SetAuthorized("demo@tokendashboard.local");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        var settings = layout.Find("a[aria-label='Settings']");
        Assert.Equal("/settings", settings.GetAttribute("href"));
        Assert.Single(layout.FindAll("[aria-label='User menu']"));
        Assert.Contains("page body", layout.Markup);
    }
}
