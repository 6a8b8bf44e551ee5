using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
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
        services.AddTokenStore(configuration);
        services.AddScoped<Components.AccessTokens.TokenWorkflows>();
        services.AddPlatform();
        services.AddPlatformApi(configuration);
        return builder;
    }

    private static void AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccountOptions>(configuration.GetSection(AccountOptions.Section));
        services.Configure<DemoAccountOptions>(configuration.GetSection(DemoAccountOptions.Section));
        services.AddSingleton(new ConsoleBanner(Console.Out));
        services.AddScoped<DemoAccountSeeder>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<ActivityLog>();
        // Cookies re-check the security stamp every minute, so a password change signs other browsers out quickly.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((options, clock) =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.TimeProvider = clock;
        });

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
    }
}
