using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

internal static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// Who acts and how they prove it: Identity, password confirmation, API sessions, password change, profiles and the
    /// demo account. Register after the database, so that seeding runs once the database is ready.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccountOptions>(configuration.GetSection(AccountOptions.Section));
        services.Configure<DemoAccountOptions>(configuration.GetSection(DemoAccountOptions.Section));
        services.Configure<PasswordConfirmationOptions>(configuration.GetSection(PasswordConfirmationOptions.Section));
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .PostConfigure<IHostEnvironment>((options, environment) => options.ResolvePickupDirectory(environment.ContentRootPath));
        services.AddHostedService<MailFolderBanner>();
        services.AddSingleton<Mailer>();
        services.AddSingleton<AccountNotices>();
        // With JSON console logs stdout is one JSON object per line for a collector: the banner goes to stderr instead.
        services.AddSingleton(new ConsoleBanner(
            string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase) ? Console.Error : Console.Out));
        services.AddHostedService<DemoAccountSeeder>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton<AccountMarks>();
        services.AddSingleton<TwoFactor.TwoFactorService>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<PasswordMetrics>();
        services.AddSingleton<PasswordConfirmation>();
        services.AddSingleton<Policies.PolicyStore>();
        services.AddSingleton<Policies.TwoFactorRequirement>();
        services.AddSingleton<Policies.Invitations>();
        services.AddSingleton<Registration>();
        services.AddSingleton<ApiSessionStore>();
        services.AddScoped<AccountService>();
        // Cookies re-check the security stamp every minute, so a password change signs other browsers out quickly.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((options, clock) =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.TimeProvider = clock;
        });

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(options =>
            {
                // An account signs in once its address is confirmed (the demo account and tests' accounts are created so).
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // Two-factor secrets unreadable at rest (authenticator key encrypted, recovery codes hashed); earlier plain rows upgraded at start.
        services.Replace(ServiceDescriptor.Scoped<IUserStore<AppUser>, TwoFactor.TwoFactorSecretStore>());
        services.AddHostedService<TwoFactor.TwoFactorSecretsUpgrade>();
        services.AddBrowserSessions();
        services.AddAccountRetention(configuration);
        // After the demo account's seeder: the configured administrators may include the demo account.
        services.AddAdministration(configuration);
        // The antiforgery cookie is Secure whenever the page is served over HTTPS.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }
}
