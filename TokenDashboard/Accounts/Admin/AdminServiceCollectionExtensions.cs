using Microsoft.AspNetCore.Authorization;

namespace TokenDashboard.Accounts.Admin;

internal static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Administrators: the configured first ones (granted at start-up, after the demo account exists), the one check of
    /// who is one, and the <see cref="AdminRole.Policy"/> policy every admin page names.
    /// </summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.AddSingleton<Administrators>();
        services.AddSingleton<AccountList>();
        services.AddSingleton<AccountAdministration>();
        services.AddHostedService<AdministratorSeeder>();
        services.AddSingleton<IAuthorizationHandler, AdministratorRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminRole.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement()));
        return services;
    }
}
