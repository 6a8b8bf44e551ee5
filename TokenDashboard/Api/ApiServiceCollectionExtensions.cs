using TokenDashboard.Accounts;
using TokenDashboard.Tokens;
using TokenDashboard.Api.Handlers;

namespace TokenDashboard.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>The token-authenticated platform API: credentials, rate limits, the handlers and their dispatcher.</summary>
    public static IServiceCollection AddPlatformApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApiRateLimiting(configuration);
        services.AddSingleton<ApiCallMetrics>();
        services.AddSingleton<ApiCredentials>();
        services.AddSingleton<EnvironmentAnswers>();

        services.AddSingleton<IApiHandlerGroup, EnvironmentControlHandlers>();
        services.AddSingleton<IApiHandlerGroup, DeploymentHandlers>();
        services.AddSingleton<IApiHandlerGroup, MarketplaceHandlers>();
        services.AddSingleton<IApiHandlerGroup, AccountHandlers>();
        services.AddSingleton<IApiHandlerGroup, AuthenticationHandlers>();
        services.AddSingleton<IApiHandlerGroup, TokenHandlers>();
        services.AddSingleton<IApiHandlerGroup, TokenSelfHandlers>();
        services.AddSingleton<IApiHandlerGroup, LeakReportHandlers>();
        services.AddSingleton<IApiHandlerGroup, SessionHandlers>();
        services.AddSingleton<IApiHandlerGroup, UsageHandlers>();
        services.AddSingleton<IApiHandlerGroup, AdminHandlers>();
        services.AddSingleton<IApiHandlerGroup, PolicyHandlers>();
        services.AddSingleton<ApiDispatcher>();
        return services;
    }
}
