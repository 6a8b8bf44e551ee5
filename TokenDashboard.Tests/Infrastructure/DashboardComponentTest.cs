using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using TokenDashboard.Accounts;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// bUnit with the app's real services: a started app on a temp SQLite file provides TokenService and friends,
/// the signed-in user is the demo account, and MudBlazor's providers are rendered so dialogs and popovers work.
/// </summary>
public abstract class DashboardComponentTest : ComponentTest
{
    private readonly bool ownsApp;

    protected AppFactory App { get; }
    protected Actor Demo { get; }
    protected BunitAuthorizationContext Authorization { get; }

    /// <param name="app">An app the test owns itself (e.g. one of two instances); null: a fresh one, ended with the test.</param>
    protected DashboardComponentTest(AppFactory? app = null)
    {
        ownsApp = app is null;
        App = app ?? new AppFactory().Started();
        Services.AddSingleton(App.Get<TokenService>());
        Services.AddSingleton(App.Get<TokenValidator>());
        Services.AddSingleton(App.Get<TimeProvider>());
        Services.AddSingleton(App.Get<TokenDashboard.Tokens.Usage.TokenUsageService>());
        Services.AddSingleton(App.Get<TokenWatcher>());
        Services.AddSingleton(App.Get<TokenDashboard.Accounts.ActivityLog>());
        Services.AddAccessTokensTab();
        Services.AddSingleton(App.Get<TokenDashboard.Tokens.Reminders.ExpiryReminders>());
        Services.AddSingleton(App.Get<TokenDashboard.Accounts.TwoFactor.TwoFactorService>());
        Services.AddSingleton(App.Get<TokenDashboard.Accounts.Policies.TwoFactorRequirement>());
        Demo = App.DemoActorAsync().GetAwaiter().GetResult();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized(AppFactory.DemoEmail);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, Demo.UserId));
    }

    protected TokenService Tokens => App.Get<TokenService>();
    protected TokenValidator Validator => App.Get<TokenValidator>();

    /// <summary>Renders <typeparamref name="T"/> under MudBlazor's popover, dialog and snackbar providers.</summary>
    protected IRenderedComponent<ContainerFragment> RenderWithProviders<T>() where T : IComponent
    {
        // As in the app, where every page runs on the interactive circuit (the tab subscribes to live updates there).
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<ContainerFragment>(p => p.AddChildContent(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<T>(3);
            builder.CloseComponent();
        }));
    }

    protected override ValueTask DisposeOwnedAsync() => ownsApp ? App.DisposeAsync() : ValueTask.CompletedTask;
}

/// <summary>A plain container so several root components can be rendered side by side.</summary>
public sealed class ContainerFragment : ComponentBase
{
    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
        builder.AddContent(0, ChildContent);
}
