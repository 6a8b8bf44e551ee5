using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TokenDashboard.Components.Layout;

namespace TokenDashboard.Tests.Components.Layout;

public sealed class MainLayoutTests : BunitContext, IAsyncLifetime
{
    public MainLayoutTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
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
        Assert.NotNull(layout.Find("[aria-label='User menu']"));
        Assert.Contains("page body", layout.Markup);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
