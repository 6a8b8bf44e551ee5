using TokenDashboard.Accounts;

namespace TokenDashboard.Platform;

internal static class PlatformServiceCollectionExtensions
{
    /// <summary>The platform model the API drives. Singletons: each operation opens its own short-lived context.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.Section))
            .Validate(o => PlatformOptions.IsValidDomain(o.Domain),
                $"'{PlatformOptions.Section}:Domain' must be a lower-case host name such as {PlatformOptions.DefaultDomain}.")
            .ValidateOnStart();
        services.AddSingleton<EnvironmentNotifier>();
        services.AddSingleton<EnvironmentService>();
        services.AddSingleton<DeploymentService>();
        services.AddSingleton<IDemoAccountContent, DemoEnvironments>();
        return services;
    }
}
