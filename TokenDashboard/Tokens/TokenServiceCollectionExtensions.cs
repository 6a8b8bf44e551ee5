namespace TokenDashboard.Tokens;

public static class TokenServiceCollectionExtensions
{
    /// <summary>The token store. Singletons: each operation opens its own short-lived context from the pool.</summary>
    public static IServiceCollection AddTokenStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PasswordConfirmation>();
        services.AddSingleton<TokenChanges>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<TokenValidator>();
        return services;
    }
}
