using Microsoft.AspNetCore.Identity;

namespace TokenDashboard.Accounts;

internal static class BrowserSessionServiceCollectionExtensions
{
    /// <summary>
    /// The server-side record of browser sign-ins, wired into Identity's cookie (a session claim added at sign-in, checked
    /// on every request, kept when Identity refreshes the principal, ended at Sign out).
    /// </summary>
    public static IServiceCollection AddBrowserSessions(this IServiceCollection services)
    {
        services.AddSingleton<BrowserSessions>();
        services.AddScoped<BrowserSessionCookieEvents>();
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
            options =>
            {
                options.EventsType = typeof(BrowserSessionCookieEvents);
                options.ExpireTimeSpan = BrowserSessions.Lifetime;
                options.SlidingExpiration = true;
            });
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = BrowserSessionCookieEvents.KeepSessionClaim);
        return services;
    }
}
