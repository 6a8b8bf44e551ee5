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
/// bUnit with the app's real services: a started app on a temp database provides TokenService and friends, and
/// MudBlazor's providers are rendered so dialogs and popovers work. The signed-in user is <see cref="Demo"/>: on a
/// class's shared app (<see cref="ApiFixture"/>) a new account per test with the demo account's content (its
/// environments), so tests never see each other's tokens; on an app of the test's own, the demo account itself.
/// </summary>
public abstract class DashboardComponentTest : ComponentTest
{
    private readonly bool ownsApp;

    protected AppFactory App { get; }

    /// <summary>The signed-in account (password <see cref="AppFactory.DemoPassword"/>).</summary>
    protected Actor Demo { get; }

    protected BunitAuthorizationContext Authorization { get; }

    /// <param name="app">
    /// An app the test owns itself (e.g. one of two instances); null: a fresh one, ended with the test — for tests
    /// that change what every account shares (policies).
    /// </param>
    protected DashboardComponentTest(AppFactory? app = null)
        : this(app ?? new AppFactory().Started(), ownsApp: app is null, newAccount: false)
    {
    }

    /// <summary>On the class's shared app, as a new account of this test's own.</summary>
    protected DashboardComponentTest(ApiFixture shared)
        : this(shared.Factory, ownsApp: false, newAccount: true)
    {
    }

    private DashboardComponentTest(AppFactory app, bool ownsApp, bool newAccount)
    {
        this.ownsApp = ownsApp;
        App = app;
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
        string email;
        (Demo, email) = newAccount
            ? NewAccountAsync(App).GetAwaiter().GetResult()
            : (App.DemoActorAsync().GetAwaiter().GetResult(), AppFactory.DemoEmail);
        Authorization = AddAuthorization();
        Authorization.SetAuthorized(email);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, Demo.UserId));
    }

    /// <summary>A new account with what the demo account starts with, acting from where the demo account does.</summary>
    private static async Task<(Actor, string)> NewAccountAsync(AppFactory app)
    {
        var email = $"component-{Guid.NewGuid():N}@example.com";
        var userId = (await app.CreateUserAsync(email)).UserId;
        foreach (var content in app.Services.GetServices<IDemoAccountContent>())
        {
            await content.AddToAsync(userId, CancellationToken.None);
        }
        return (new Actor(userId, "127.0.0.1"), email);
    }

    protected TokenService Tokens => App.Get<TokenService>();
    protected TokenValidator Validator => App.Get<TokenValidator>();

    /// <summary>Renders <typeparamref name="T"/> (with <paramref name="parameters"/>, e.g. a page's route values) under MudBlazor's popover, dialog and snackbar providers.</summary>
    protected IRenderedComponent<ContainerFragment> RenderWithProviders<T>(IReadOnlyDictionary<string, object>? parameters = null) where T : IComponent
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
            builder.AddMultipleAttributes(4, parameters);
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
