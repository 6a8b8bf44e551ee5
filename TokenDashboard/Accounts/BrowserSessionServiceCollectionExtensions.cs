using Microsoft.AspNetCore.Identity;

namespace TokenDashboard.Accounts;

public static class BrowserSessionServiceCollectionExtensions
{
    /// <summary>
    /// The guarded password check and the server-side record of browser sign-ins, wired into Identity's cookie.
    /// Call after Identity's cookies are added.
    /// </summary>
    public static IServiceCollection AddPasswordGuardAndBrowserSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PasswordGuardOptions>(configuration.GetSection(PasswordGuardOptions.Section));
        services.AddSingleton<PasswordGuard>();
        services.AddSingleton<BrowserSessions>();
        services.AddSingleton<AccountService>();
        services.AddScoped<BrowserSessionCookieEvents>();
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
            options => options.EventsType = typeof(BrowserSessionCookieEvents));
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = BrowserSessionCookieEvents.KeepSessionClaim);
        return services;
    }
}
