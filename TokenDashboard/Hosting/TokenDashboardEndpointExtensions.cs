using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using TokenDashboard.Api;
using TokenDashboard.Components;
using TokenDashboard.Hosting.Telemetry;

namespace TokenDashboard.Hosting;

internal static class TokenDashboardEndpointExtensions
{
    public static WebApplication MapTokenDashboard(this WebApplication app)
    {
        app.UseProxySupport();
        app.UseSecurityHeaders();
        // After the proxy's client address is known: /metrics is answered by address (or on its own port).
        app.UseMetricsEndpoint();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            // Strict-Transport-Security goes out only on HTTPS answers (the middleware skips plain HTTP).
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Explicit, so that they run after the security headers are in place (a sign-in redirect carries them too).
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseAntiforgeryRefusalPage();

        // /healthz/live: the process answers. /healthz: and the database is reachable.
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz");

        app.MapPlatformApi();
        app.MapHeapDiagnostics();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
