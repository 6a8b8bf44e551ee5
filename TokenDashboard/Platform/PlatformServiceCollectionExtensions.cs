using TokenDashboard.Accounts;

namespace TokenDashboard.Platform;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>The platform model the API drives. Singletons: each operation opens its own short-lived context.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        services.AddSingleton<EnvironmentNotifier>();
        services.AddSingleton<EnvironmentService>();
        services.AddSingleton<DeploymentService>();
        services.AddSingleton<IDemoAccountContent, DemoEnvironments>();
        return services;
    }
}
