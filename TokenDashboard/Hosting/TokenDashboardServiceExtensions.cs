using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
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

internal static class TokenDashboardServiceExtensions
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
        services.AddRazorComponents().AddInteractiveServerComponents(ConfigureCircuits);
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

    /// <summary>
    /// What an open tab (a circuit) may hold on this instance, chosen so memory comes back when people leave: a tab
    /// closed normally says so and is dropped at once; these bound the rest.
    /// </summary>
    private static void ConfigureCircuits(CircuitOptions options)
    {
        // A dropped connection (a laptop lid, a train tunnel) gets a minute to come back with its page as it was;
        // longer would keep every vanished tab's memory for the default 3 minutes.
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(1);
        // However many tabs vanish at once, at most this many wait to reconnect; past it the oldest go first.
        options.DisconnectedCircuitMaxRetained = 50;
        // Past that minute a vanished tab's circuit is dropped and only its small persisted state (a few KB: which
        // page, no render tree) is kept, so a laptop that wakes within the hour resumes its page rather than reloading…
        options.PersistedCircuitInMemoryRetentionPeriod = TimeSpan.FromHours(1);
        // …for at most this many tabs at once (a few MB in all), the oldest dropped first.
        options.PersistedCircuitInMemoryMaxRetained = 1_000;
        // A JS call unanswered for 30 s never will be (the page is gone or frozen): the component moves on.
        options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        // Renders a slow browser has not yet acknowledged: past this the server waits instead of queueing more for it.
        options.MaxBufferedUnacknowledgedRenderBatches = 10;
        // Exception details stay in the server's log, never in a browser's console.
        options.DetailedErrors = false;
    }

    /// <summary>The Identity pages' part of the UI: the signed-in state for components, redirects, revalidation.</summary>
    private static void AddIdentityComponents(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
    }
}
