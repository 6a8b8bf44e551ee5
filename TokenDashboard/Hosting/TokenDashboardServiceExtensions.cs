using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;
using TokenDashboard.Accounts;
using TokenDashboard.Api;
using TokenDashboard.Components.Account;
using TokenDashboard.Data;
using TokenDashboard.Hosting.Logging;
using TokenDashboard.Platform;
using TokenDashboard.Tokens;

namespace TokenDashboard.Hosting;

public static class TokenDashboardServiceExtensions
{
    /// <summary>Everything the app needs, feature by feature. Program.cs calls only this and <c>MapTokenDashboard</c>.</summary>
    public static WebApplicationBuilder AddTokenDashboard(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddRootAppSettings();
        // Serve package assets (MudBlazor's CSS and JS) from the build output in every environment, so that
        // `dotnet run -c Release` in Production works like Development. A published build has no such manifest
        // and serves everything from its own wwwroot, so this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        // Credentials travel in URLs (session=…); no log line may ever carry one, whoever writes it.
        services.AddSecretRedactingLogging();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddAppDatabase(configuration, builder.Environment.ContentRootPath);
        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        services.AddAccounts(configuration);
        services.AddIdentityComponents();
        services.AddTokenStore();
        services.AddScoped<Components.AccessTokens.TokenWorkflows>();
        services.AddPlatform();
        services.AddPlatformApi(configuration);
        return builder;
    }

    /// <summary>The Identity pages' part of the UI: the signed-in state for components, redirects, revalidation.</summary>
    private static void AddIdentityComponents(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
    }
}
