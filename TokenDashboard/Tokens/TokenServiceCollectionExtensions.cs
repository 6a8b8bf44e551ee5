namespace TokenDashboard.Tokens;

internal static class TokenServiceCollectionExtensions
{
    /// <summary>The token store, its validator and last-use recorder. Singletons: each operation opens its own short-lived context from the pool.</summary>
    public static IServiceCollection AddTokenStore(this IServiceCollection services)
    {
        services.AddSingleton<TokenWatcher>();
        services.AddSingleton<TokenMetrics>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<Admin.TokenInventory>();
        services.AddSingleton<PolicyAdministration>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<AddressRefusals>();
        services.AddSingleton<LeakedTokenReports>();
        return services;
    }
}
