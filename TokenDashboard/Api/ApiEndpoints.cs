namespace TokenDashboard.Api;

internal static class ApiEndpoints
{
    /// <summary>The platform API. Any path under /1.0/ answers in the API's JSON, even one that names no method (6).</summary>
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder endpoints)
    {
        // Resolved now so that a catalog method without a handler stops start-up instead of answering 99 later.
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<ApiDispatcher>();

        // Authenticated by token or session only, never by the dashboard's cookie: no antiforgery to check.
        // Every verb is routed here, so that PUT, DELETE, HEAD or OPTIONS get the API's JSON answer (the dispatcher
        // refuses them) rather than the framework's empty 405 that breaks clients parsing every answer.
        endpoints.Map("/1.0/{service}/{subservice}/rest/{method}",
                (HttpContext http, string service, string subservice, string method) =>
                    dispatcher.HandleAsync(http, $"{service}/{subservice}/rest/{method}"))
            .DisableAntiforgery()
            .ExcludeFromDescription();
        endpoints.Map("/1.0/{**path}", (HttpContext http, string? path) => dispatcher.HandleAsync(http, path ?? ""))
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }
}
