using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using TokenDashboard.Accounts;
using TokenDashboard.Api;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Components.Account;
using TokenDashboard.Data;
using TokenDashboard.Hosting.Logging;
using TokenDashboard.Hosting.Telemetry;
using TokenDashboard.Platform;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;
using TokenDashboard.Tokens.Reminders;

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
        services.AddProxySupport(configuration);
        // Credentials travel in URLs (session=…); no log line may ever carry one, whoever writes it.
        services.AddSecretRedactingLogging();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddAppDatabase(configuration, builder.Environment.ContentRootPath);
        // First of all hosted services: Data Protection's own reads the key ring from the database at start-up, so
        // the tables must exist (and an unreachable database must stop the app with its one line) before it runs.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer>());
        // One key ring in the database under one application name: a cookie or antiforgery token made by one
        // instance is read by every other, and survives restarts.
        services.AddDataProtection().SetApplicationName("TokenDashboard").PersistKeysToDbContext<AppDbContext>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        services.AddAccounts(configuration);
        services.AddIdentityComponents();
        services.AddTokenStore();
        services.AddTokenUsage(configuration);
        services.AddExpiryReminders();
        services.AddAccessTokensTab();
        services.AddPlatform(configuration);
        services.AddPlatformApi(configuration);
        // Metrics and traces, only when asked for (Metrics:Enabled, OTEL_EXPORTER_OTLP_ENDPOINT).
        builder.AddTelemetry();
        // Memory after a forced GC, for the circuits benchmark only (Diagnostics:Heap, loopback only).
        services.AddHeapDiagnostics(configuration);
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
