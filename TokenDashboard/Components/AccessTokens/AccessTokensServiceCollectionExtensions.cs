namespace TokenDashboard.Components.AccessTokens;

internal static class AccessTokensServiceCollectionExtensions
{
    /// <summary>The Access Tokens tab's own services, for the app and the component tests alike.</summary>
    public static IServiceCollection AddAccessTokensTab(this IServiceCollection services) =>
        services.AddScoped<TokenWorkflows>();
}
