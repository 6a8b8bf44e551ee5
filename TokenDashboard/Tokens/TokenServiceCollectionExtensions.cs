using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tokens;

public static class TokenServiceCollectionExtensions
{
    /// <summary>The token store. Singletons: each operation opens its own short-lived context from the pool.</summary>
    public static IServiceCollection AddTokenStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PasswordConfirmationOptions>(configuration.GetSection(PasswordConfirmationOptions.Section));
        services.AddSingleton<PasswordConfirmation>();
        services.AddSingleton<TokenChanges>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<TokenValidator>();
        services.AddTokenUsage(configuration);
        return services;
    }

    /// <summary>Usage per token × method × day (recorded off the request path, pruned in the background) and its readers.</summary>
    private static IServiceCollection AddTokenUsage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UsageOptions>().Bind(configuration.GetSection(UsageOptions.Section))
            .Validate(o => o.RetentionDays >= 1, $"{UsageOptions.Section}:RetentionDays must be 1 or more.")
            .Validate(o => o.FlushSeconds >= 1, $"{UsageOptions.Section}:FlushSeconds must be 1 or more.")
            .ValidateOnStart();
        services.AddSingleton<TokenActivityNotifier>();
        services.AddSingleton<UsageRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageRecorder>());
        services.AddSingleton<TokenUsageService>();
        return services;
    }
}
